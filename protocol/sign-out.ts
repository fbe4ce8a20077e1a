/**
 * What the IdP did with the refresh token at sign-out, as core reports it and the faces word it:
 * - `revoked`: it confirmed the revocation (RFC 7009);
 * - `kept`: it answered with an error and the token stays valid until it expires (authentik
 *   before 2025.2 answers 401 invalid_client to a public client: PR #12704, issue #12053);
 * - `not_offered`: the IdP publishes no revocation endpoint;
 * - `unreachable`: it could not be asked;
 * - `no_token`: there was no refresh token to revoke.
 */
export const REVOCATIONS = ['revoked', 'kept', 'not_offered', 'unreachable', 'no_token'] as const;
export type Revocation = (typeof REVOCATIONS)[number];
