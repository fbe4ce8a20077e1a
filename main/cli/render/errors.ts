import type { ErrorCode, MessageParams } from '../../../protocol/messages.js';
import { noteText } from './notes.js';

type Wording = (p: MessageParams) => string;

const SIGN_IN_AGAIN = 'start the sign-in again';

const URL_ROLE: Record<string, string> = {
  issuer: 'The issuer',
  broker: 'The broker',
  config: 'The --config',
};

/** The IdP's well-known error codes (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6). */
const IDP_ERRORS: Record<string, string> = {
  access_denied: 'Sign-in was refused at the identity provider (access denied)',
  login_required: 'The identity provider asks you to log in first',
  consent_required: 'The identity provider needs your consent for AppPass',
  interaction_required: 'The identity provider needs you to finish a step in the browser',
  invalid_scope: 'The identity provider does not allow the permissions AppPass asked for',
  unauthorized_client: 'The identity provider does not allow this app to sign in this way',
  temporarily_unavailable: 'The identity provider is temporarily unavailable',
  server_error: 'The identity provider failed with an internal error',
};

function idpAnswer(p: MessageParams): string {
  const error = String(p.error ?? '');
  const known = IDP_ERRORS[error];
  const said = p.description ? ` ("${p.description}")` : '';
  return known
    ? `${known}${said}; ${SIGN_IN_AGAIN} or ask your administrator.`
    : `The identity provider answered "${error}"${said}; ${SIGN_IN_AGAIN}.`;
}

/** What to install when no keychain answers; on Linux that is a Secret Service provider. */
export function keychainInstallHint(platform: string): string {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    return 'Install and unlock a Secret Service keychain (gnome-keyring, e.g. `apt install gnome-keyring`, or KeePassXC with Secret Service integration enabled) in your desktop session.';
  }
  if (platform === 'darwin')
    return 'Make sure your login keychain exists and is unlocked (Keychain Access).';
  return 'Make sure Windows Credential Manager is available for your account.';
}

const KEYCHAIN_REASONS: Record<string, string> = {
  no_secret_service: 'no Secret Service on the session bus',
  no_session_bus: 'no D-Bus session bus',
  unreachable: 'the keychain cannot be reached',
};

const KEYCHAIN_OPERATIONS: Record<string, string> = {
  store: 'store a secret',
  read: 'read a secret',
  delete: 'delete a secret',
};

/** What the broker said, as " (text)" after a sentence. */
const said = (p: MessageParams) => (p.said ? ` (${p.said})` : '');

const duration = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 1 ? `${minutes} minute${minutes > 1 ? 's' : ''}` : `${ms} ms`;
};

/** English for every core error code, as the `apppass` command says it. */
export const ERROR_TEXT: Readonly<Record<ErrorCode, Wording>> = {
  signin_denied: idpAnswer,
  signin_idp_error: idpAnswer,
  signin_code_rejected: () =>
    `The sign-in service refused the authorization code (already used or expired); ${SIGN_IN_AGAIN}.`,
  signin_state_mismatch: () =>
    `The browser returned an answer that does not belong to this sign-in (state mismatch); ${SIGN_IN_AGAIN}.`,
  signin_issuer_mismatch: (p) =>
    `The sign-in answer did not come from ${p.issuer} (issuer mismatch); ${SIGN_IN_AGAIN}.`,
  signin_failed: (p) => `Sign-in failed (${p.reason}); ${SIGN_IN_AGAIN}.`,
  signin_required: (p) =>
    `Your sign-in at ${p.host} has expired or was revoked; sign in again (apppass login).`,
  signin_subject_changed: () => 'The identity provider answered for another user; sign in again.',
  signin_cancelled: () => 'Sign-in was cancelled.',
  signin_timeout: (p) => `Sign-in timed out after ${duration(Number(p.ms))}; start it again.`,
  signin_no_identity: () =>
    'The identity provider sent no ID token; make sure the "openid" scope is allowed for AppPass.',
  idp_unreachable: (p) =>
    `Cannot reach the sign-in service at ${p.origin} (${p.reason}); check the address and your network.`,
  browser_open_failed: () =>
    'Could not open the web browser for sign-in; use --no-browser and open the printed address yourself.',
  not_signed_in: () => 'You are not signed in; run `apppass login <email>` first.',
  account_other_domain: (p) =>
    `You signed in as ${p.actual}, which is not an address at ${p.domain}; sign in with your ${p.domain} account.`,
  no_sign_in: () => 'No sign-in is waiting; start it again.',
  invalid_email: (p) => `"${p.email}" is not an email address.`,
  invalid_url: (p) =>
    p.problem === 'scheme'
      ? `${URL_ROLE[String(p.role)]} URL must start with https://.`
      : `${URL_ROLE[String(p.role)]} URL "${p.url}" is not a valid URL.`,
  insecure_http: (p) =>
    `${URL_ROLE[String(p.role)]} URL ${p.origin} uses plain http://; use https:// (APPPASS_INSECURE_HTTP=1 allows http for tests only).`,
  invalid_config: (p) => `--config ${p.config}: ${noteText({ code: String(p.note), params: p })}.`,
  no_profile: (p) =>
    `No AppPass configuration found for ${p.email} (asked: ${p.tried}; \`apppass discover ${p.email}\` shows what each said); ask your mail admin for a --config file.`,
  extra_ca_unreadable: (p) =>
    `NODE_EXTRA_CA_CERTS points at ${p.file}, which cannot be read; fix the path or unset it.`,
  extra_ca_invalid: (p) => `NODE_EXTRA_CA_CERTS file ${p.file} holds no PEM certificate.`,
  broker_unauthorized: () => 'The broker did not accept your sign-in; run `apppass login` again.',
  broker_forbidden: (p) => `The broker refused to act for this account${said(p)}.`,
  email_unverified: (p) => `The broker refused to act for this account${said(p)}.`,
  email_unverified_authentik: (p) => `The broker refused to act for this account${said(p)}.`,
  email_unverified_keycloak: (p) => `The broker refused to act for this account${said(p)}.`,
  broker_not_found: (p) => `No such app password on your mailbox${said(p)}.`,
  broker_conflict: (p) => `The broker refused the request${said(p)}.`,
  broker_invalid_request: (p) => `The broker rejected the request${said(p)}.`,
  broker_rate_limited: (p) =>
    `Too many changes at once; try again ${p.wait === undefined ? 'in a moment' : `in ${p.wait} s`}.`,
  mailcow_unavailable: (p) =>
    `The mail server's API did not answer the broker; try again later${said(p)}.`,
  broker_unavailable: (p) => `The broker is unavailable (HTTP ${p.status}); try again later.`,
  broker_unexpected_status: (p) =>
    `The broker answered with unexpected HTTP ${p.status}${said(p)}.`,
  broker_bad_answer: (p) =>
    p.limitKiB === undefined
      ? `The broker sent an answer AppPass does not understand (${p.what}); check that broker and app versions match.`
      : `The broker's answer (${p.what}) is too large (over ${p.limitKiB} KiB); AppPass stopped reading it. Check the broker address.`,
  broker_timeout: (p) =>
    `The broker at ${p.host} did not answer in time; check your network and try again.`,
  broker_unreachable: (p) => `Cannot reach the broker at ${p.host}; check your network connection.`,
  keychain_unavailable: (p) =>
    `No keychain is available (${KEYCHAIN_REASONS[String(p.reason)] ?? p.reason}). ${keychainInstallHint(String(p.platform))}${p.then === 'create' ? ' Run again with --show to see the new password once and copy it into your mail client, or with --no-store.' : ''}`,
  keychain_locked: () =>
    'The keychain is locked and could not be unlocked: unlock it (or sign in to your desktop session) and try again.',
  keychain_timeout: (p) =>
    `The keychain did not answer while trying to ${KEYCHAIN_OPERATIONS[String(p.operation)]}: is an unlock prompt waiting? Unlock it and try again.`,
  keychain_error: (p) =>
    `The keychain refused to ${KEYCHAIN_OPERATIONS[String(p.operation)]}: ${p.detail}`,
  not_found: (p) => `There is no app password ${p.id} on your mailbox; see \`apppass list\`.`,
  not_stored: (p) =>
    `No app password ${p.id} for ${p.mailbox} is stored on this device; see \`apppass list\`.`,
  secret_gone: () => 'This password is no longer available here; it was shown only once.',
  no_mail_server: (p) => `No mail server found for ${p.mailbox}; give one with --host <name>.`,
  no_report: () => 'Run the connectivity check first.',
  rotation_state: () => 'The rotation journal has no new password id; run the rotation again.',
  rotation_secret_missing: () => 'The new password is not in the keychain.',
  'rotation_rolled-back': (p) =>
    `The rotation of "${p.name}" was undone; your old password ${p.oldId} stays in use.`,
  rotation_lost: (p) =>
    `The rotation of "${p.name}" could not be finished; check \`apppass list\` (old password ${p.oldId}).`,
  'rotation_awaiting-confirmation': (p) =>
    `The replacement of password ${p.oldId} waits for your confirmation.`,
  data_dir_busy: (p) =>
    `Another AppPass (the app or an apppass command) has been using ${p.dir} for over a minute; let it finish, then try again.`,
  create_journal_corrupt: (p) =>
    `The create journal ${p.path} is damaged; move it aside and run \`apppass list\` to see your passwords.`,
  journal_corrupt: (p) =>
    `The rotation journal ${p.path} is damaged; move it aside and run \`apppass list\` to see your passwords.`,
};

/** The command's own refusals (usage errors) carry their sentence: the command is English. */
const CLI_TEXT: Readonly<Record<string, Wording>> = {
  usage: (p) => String(p.text),
  browser_unavailable: (p) =>
    `Could not open a browser (${p.command} failed); run \`apppass login <email> --no-browser\` and open the link yourself.`,
};

/** The English text of a core error: its wording, else the code itself. */
export function errorText(e: { code: string; params: MessageParams }): string {
  const wording = (ERROR_TEXT as Readonly<Record<string, Wording>>)[e.code] ?? CLI_TEXT[e.code];
  return wording ? wording(e.params) : e.code;
}
