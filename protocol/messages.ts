import { z } from 'zod';

/**
 * The core speaks in codes with parameters, never in finished sentences: each face words them
 * (the command in English, main/cli/render; the desktop app in English and German,
 * renderer/src/i18n). test/unit/protocol/catalogs.test.ts checks that every code below has all three.
 */

/** Error codes a person can meet (AppPassError.code). */
export const ERROR_CODES = [
  // sign-in at the identity provider
  'signin_denied',
  'signin_idp_error',
  'signin_code_rejected',
  'signin_state_mismatch',
  'signin_issuer_mismatch',
  'signin_failed',
  'signin_required',
  'signin_subject_changed',
  'signin_cancelled',
  'signin_timeout',
  'signin_no_identity',
  'idp_unreachable',
  'browser_open_failed',
  'not_signed_in',
  'account_other_domain',
  // the desktop app's "open the sign-in page again" or "copy its link" with none waiting
  'no_sign_in',
  // addresses and configuration
  'invalid_email',
  'invalid_url',
  'insecure_http',
  'invalid_config',
  'no_profile',
  'extra_ca_unreadable',
  'extra_ca_invalid',
  // the broker
  'broker_unauthorized',
  'broker_forbidden',
  'email_unverified',
  'email_unverified_authentik',
  'email_unverified_keycloak',
  'broker_not_found',
  'broker_conflict',
  'broker_invalid_request',
  'broker_rate_limited',
  'mailcow_unavailable',
  'broker_unavailable',
  'broker_unexpected_status',
  'broker_bad_answer',
  'broker_timeout',
  'broker_unreachable',
  // the keychain
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'keychain_error',
  // passwords, rotation, the check
  'not_found',
  'not_stored',
  'secret_gone',
  'no_mail_server',
  'no_report',
  'rotation_state',
  'rotation_secret_missing',
  'rotation_rolled-back',
  'rotation_lost',
  'rotation_awaiting-confirmation',
  'journal_corrupt',
  'create_journal_corrupt',
  'data_dir_busy',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Failures of the desktop app's IPC itself (main/app/ipc.ts), never of the core. */
export const IPC_ERROR_CODES = ['internal', 'forbidden_sender', 'invalid_arguments'] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

/** Why no keychain answers (the `reason` of keychain_unavailable). */
export const KEYCHAIN_REASONS = ['no_secret_service', 'no_session_bus', 'unreachable'] as const;
export type KeychainReason = (typeof KEYCHAIN_REASONS)[number];

/** Hints of the connectivity check and its findings: what a person or helpdesk can do. */
export const HINT_CODES = [
  'dns_not_found',
  'dns_timeout',
  'tcp_refused',
  'tcp_timeout',
  'tcp_unreachable',
  'tls_handshake_failed',
  'tls_plaintext_port',
  'tls_cert_expired',
  'tls_cert_hostname_mismatch',
  'tls_cert_untrusted',
  'starttls_unavailable',
  'auth_mechanism_unavailable',
  'auth_login_disabled',
  'auth_failed',
  'auth_no_scope',
  'protocol_error',
  'timeout',
  'timeout_run',
  'timeout_greeting',
  'timeout_tls',
  'timeout_auth',
  'skipped_gate_failed',
  'skipped_no_gate',
  'skipped_plaintext',
  'skipped_deadline',
  'skipped_no_scope',
  'family_mismatch',
  'autoconfig_unavailable',
  'autoconfig_not_checked',
  'autoconfig_not_answering',
  'clock_skewed',
] as const;
export type HintCode = (typeof HINT_CODES)[number];

export type MessageParams = Readonly<Record<string, string | number>>;

const params = z.record(z.string(), z.union([z.string(), z.number()]));

/** One hint: its code and the values its wording fills in. */
export const advice = z.object({ code: z.enum(HINT_CODES), params });
export type Advice = z.infer<typeof advice>;

/** A message for a person, as codes cross IPC: the desktop app words it in its language. */
export interface Message {
  readonly code: string;
  readonly params: MessageParams;
}
