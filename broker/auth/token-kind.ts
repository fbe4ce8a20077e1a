import type { JWTPayload } from 'jose';

/**
 * Which IdP family issued a JWT access token; `null` when it is not an access token at all
 * (an ID token, a refresh or logout token). The broker never trusts `nonce` or `aud` alone:
 * authentik and Keycloak ≤ 24 put the nonce into access tokens, and authentik's access token
 * has the same `aud` (the client id) as its ID token.
 *
 * - RFC 9068 (`rfc9068`: oidc-provider, Authelia JWT mode, Kanidm): the JWS header
 *   `typ: at+jwt` marks an access token; ID tokens never carry it (RFC 9068 §2.1 exists to tell
 *   them apart). Authelia's ID token is `typ: JWT` with `azp`, so `azp` proves nothing there.
 * - Keycloak (`keycloak`, TokenManager): the `typ` claim — `Bearer` for access tokens, `ID`
 *   for ID tokens, `Refresh`/`Offline`/`Logout` for the others. Keycloak ≤ 24 also copies the
 *   nonce into access tokens, so the nonce cannot mark an ID token there.
 * - authentik (`authentik`, `id_token.py` `to_access_token`): the access token is the ID
 *   token's payload plus `azp` and `uid`, nonce included on the code grant; the ID token has
 *   neither `azp` nor `uid`.
 * - any other IdP (`generic`): an access token names its client (`client_id`, or `azp`) and
 *   carries none of the ID-token-only claims `nonce`, `at_hash`, `c_hash`.
 */
export type AccessTokenFamily = 'rfc9068' | 'keycloak' | 'authentik' | 'generic';

export function accessTokenFamily(
  typ: string | undefined,
  p: JWTPayload,
): AccessTokenFamily | null {
  const t = typ?.toLowerCase().replace(/^application\//, '');
  if (t === 'at+jwt') return 'rfc9068';
  if (t !== undefined && t !== 'jwt') return null;
  if (p.typ !== undefined) return p.typ === 'Bearer' ? 'keycloak' : null;
  if (typeof p.azp === 'string' && typeof p.uid === 'string') return 'authentik';
  const namesClient = p.client_id !== undefined || p.azp !== undefined;
  const idTokenOnly = p.nonce !== undefined || p.at_hash !== undefined || p.c_hash !== undefined;
  return namesClient && !idTokenOnly ? 'generic' : null;
}
