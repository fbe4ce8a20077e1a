import { z } from 'zod';

/**
 * The broker's errors are RFC 9457 problem+json; `type` is `urn:apppass:problem:<code>` with
 * one of these codes (also the audit record's `reason`). A client may rely on the code; the
 * `title` and `detail` are English for operators and may change.
 */
export const PROBLEM_CODES = [
  // the request
  'missing_token',
  'invalid_token',
  'invalid_body',
  'invalid_json',
  'invalid_utf8',
  'invalid_idempotency_key',
  'idempotency_key_reused',
  'body_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_found',
  'rate_limited',
  'limit_reached',
  // who is asking
  'no_email',
  'email_unverified',
  'domain_not_allowed',
  'no_mailbox',
  'mailbox_inactive',
  'protocol_not_allowed',
  'idp_unavailable',
  // the helpdesk (/v1/helpdesk)
  'not_helpdesk',
  'invalid_mailbox',
  'invalid_ip',
  'not_banned',
  // the broker's own configuration (APPPASS_ISSUER does not match the IdP)
  'issuer_mismatch',
  // mailcow behind the broker
  'mailcow_timeout',
  'mailcow_auth',
  'mailcow_error',
  'mailcow_unreachable',
  'mailcow_bad_answer',
  'mailcow_refused',
  'policy_unsatisfiable',
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const PROBLEM_TYPE_PREFIX = 'urn:apppass:problem:';

export const problemType = (code: ProblemCode): string => `${PROBLEM_TYPE_PREFIX}${code}`;

/** The code of a problem `type`, or undefined when it is not one of ours (a proxy's answer). */
export function problemCode(type: string | undefined): ProblemCode | undefined {
  if (!type?.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const code = type.slice(PROBLEM_TYPE_PREFIX.length);
  return (PROBLEM_CODES as readonly string[]).includes(code) ? (code as ProblemCode) : undefined;
}

/**
 * `email_unverified` carries the extension member `idp`: whose fix applies (authentik: the
 * email_verified scope mapping; Keycloak: the user's "Email verified" flag; other IdPs).
 */
export const EMAIL_FIX_IDPS = ['authentik', 'keycloak', 'other'] as const;
export type EmailFixIdp = (typeof EMAIL_FIX_IDPS)[number];

/** A problem body as a client reads it: every field optional, a proxy may answer anything. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  idp: z.enum(EMAIL_FIX_IDPS).optional().catch(undefined),
});
export type Problem = z.infer<typeof problemSchema>;
