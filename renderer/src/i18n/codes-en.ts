import type {
  ErrorCode,
  HintCode,
  IpcErrorCode,
  KeychainReason,
  NoteCode,
} from '../../../protocol/messages.js';
import type { SignInPageText } from '../../../main/contract.js';

/** The desktop app's wording of the core's codes; `{name}` placeholders come from params. */
export interface CodeTexts {
  readonly errors: Readonly<Record<ErrorCode | IpcErrorCode, string>>;
  readonly hints: Readonly<Record<HintCode, string>>;
  readonly notes: Readonly<Record<NoteCode, string>>;
  /** The page the browser shows after the sign-in (its language comes with the choice). */
  readonly signInPage: Omit<SignInPageText, 'lang'>;
  readonly keychainReasons: Readonly<Record<KeychainReason, string>>;
  /** What to install or unlock, per platform family. */
  readonly keychainInstall: Readonly<Record<'linux' | 'darwin' | 'other', string>>;
  readonly urlRoles: Readonly<Record<'issuer' | 'broker' | 'config', string>>;
  readonly clockSide: Readonly<Record<'ahead' | 'behind', string>>;
  readonly durations: Readonly<Record<'seconds' | 'minutes' | 'hours', string>>;
}

export const codesEn: CodeTexts = {
  errors: {
    signin_denied: 'The sign-in was declined in the browser. Sign in again if that was a mistake.',
    signin_idp_error:
      'The identity provider answered “{error}” {description}. Start the sign-in again.',
    signin_code_rejected:
      'The sign-in service refused the authorization code (already used or expired). Start the sign-in again.',
    signin_state_mismatch:
      'The browser returned an answer that does not belong to this sign-in. Start the sign-in again.',
    signin_issuer_mismatch:
      'The sign-in answer did not come from {issuer}. Start the sign-in again.',
    signin_failed: 'Sign-in failed ({reason}). Start the sign-in again.',
    signin_required: 'Your sign-in at {host} has expired or was revoked. Please sign in again.',
    signin_subject_changed:
      'The identity provider answered for another user. Please sign in again.',
    signin_cancelled: 'Sign-in was cancelled.',
    signin_timeout: 'The sign-in took too long and was stopped. Sign in again.',
    signin_no_identity:
      'The identity provider sent no ID token. Your administrator must allow the “openid” scope for AppPass.',
    idp_unreachable:
      'Can’t reach your organisation’s sign-in service. Check your internet connection and try again.',
    browser_open_failed: 'Could not open the web browser for sign-in.',
    not_signed_in: 'You are not signed in. Please sign in.',
    no_sign_in: 'No sign-in is waiting. Start it again.',
    account_other_domain:
      'You signed in as {actual}, an account of another organisation. Sign in with your account at {domain}.',
    invalid_email: '“{email}” is not an email address.',
    invalid_url: '{role} address “{url}” is not a valid https:// address.',
    insecure_http: '{role} address {origin} uses plain http://, which AppPass refuses.',
    invalid_config: 'The configuration {config} cannot be used: {detail}.',
    no_profile:
      'No AppPass setup was found for this address. Check it, or ask your mail administrator.',
    extra_ca_unreadable: 'The extra certificate file {file} (NODE_EXTRA_CA_CERTS) cannot be read.',
    extra_ca_invalid:
      'The extra certificate file {file} (NODE_EXTRA_CA_CERTS) holds no certificate.',
    broker_unauthorized: 'The server did not accept your sign-in. Please sign in again.',
    broker_forbidden: 'The server refused to act for this account. {said}',
    email_unverified_authentik:
      'authentik does not confirm your email address. Ask your administrator to give AppPass the email scope mapping that reads email_verified from your user attributes (authentik’s mailcow guide) and to set email_verified: true on your user; if you sign in to authentik with your mailcow password, your address arrives unconfirmed.',
    email_unverified_keycloak:
      'Keycloak does not confirm your email address. Ask your administrator to switch on “Email verified” for your user in Keycloak.',
    email_unverified:
      'Your organisation’s sign-in service does not confirm your email address. Ask your administrator to mark it as verified.',
    broker_not_found: 'There is no such app password on your mailbox.',
    broker_conflict: 'The server refused the request. {said}',
    broker_invalid_request: 'The server rejected the request. {said}',
    broker_rate_limited: 'Too many changes at once. Try again in a moment.',
    mailcow_unavailable: 'The mail server does not answer right now. Try again later.',
    broker_unavailable: 'The AppPass server is not working right now. Try again later.',
    broker_unexpected_status: 'The AppPass service answered with unexpected HTTP {status}.',
    broker_bad_answer:
      'The AppPass service sent an answer this app does not understand. Ask your administrator whether app and server versions match.',
    broker_timeout:
      'The AppPass server did not answer in time. Check your internet connection and try again.',
    broker_unreachable:
      'Can’t reach the AppPass server. Check your internet connection and try again.',
    keychain_unavailable: 'No keychain is available ({reason}). {install}',
    keychain_locked: 'The keychain is locked. Unlock it and try again.',
    keychain_timeout:
      'The keychain did not answer. Is an unlock prompt waiting? Unlock it and try again.',
    keychain_error: 'The keychain refused the request: {detail}',
    not_found: 'There is no app password {id} on your mailbox.',
    not_stored: 'That password is not stored on this device.',
    secret_gone: 'This password is no longer available here; it was shown only once.',
    no_mail_server: 'No mail server is known for {mailbox}.',
    no_report: 'Run the connectivity check first.',
    rotation_state: 'The rotation could not continue. Start it again.',
    rotation_secret_missing: 'The new password is not in the keychain.',
    'rotation_rolled-back': 'The replacement was undone; your old password stays in use.',
    rotation_lost:
      'The replacement could not be finished. Check your list of app passwords; the old one is still there.',
    'rotation_awaiting-confirmation': 'The replacement waits for your confirmation.',
    create_journal_corrupt:
      'The record of unfinished new passwords ({path}) is damaged. Ask your administrator.',
    journal_corrupt:
      'The record of unfinished replacements ({path}) is damaged. Ask your administrator.',
    data_dir_busy:
      'Another AppPass (the app or an apppass command) has been using {dir} for over a minute; let it finish, then try again.',
    internal: 'Something went wrong inside AppPass. Try again, or restart the app.',
    forbidden_sender: 'This request did not come from the AppPass window.',
    invalid_arguments: 'Check what you typed: some values are not valid.',
  },
  hints: {
    dns_not_found:
      'The server name {host} does not exist in DNS; check its spelling or your domain’s DNS records (MX, autoconfig, autodiscover).',
    dns_timeout:
      'DNS did not answer for {host}; check this device’s network connection and DNS server (VPN, captive portal, offline).',
    tcp_refused:
      'The server refused connections on port {port}: the {service} service may be stopped or use another port, or your IP address may be blocked (mailcow blocks an address for 30 minutes after 10 failed logins in 10 minutes).',
    tcp_unreachable:
      'This device has no route to {host} on port {port} ({unreachable}); check the network connection or VPN.',
    tcp_timeout:
      'Port {port} on {host} did not answer in time; a firewall on this network may block mail ports, so try another network or ask your IT.',
    tls_plaintext_port:
      'Port {port} does not start with TLS; set the security for this port to STARTTLS (SSL/TLS is for 993, 465 and 995).',
    tls_handshake_failed:
      'The secure connection on port {port} failed before login; the server requires TLS 1.2 or newer, and an old app, an antivirus or a proxy may interfere.',
    tls_cert_expired:
      'The server’s certificate is not valid now (expiry {expires}); if this device’s clock is right, the administrator should renew it.',
    tls_cert_hostname_mismatch:
      'The certificate is for {subject}, not {host}; use {subject} as the server name, or the administrator can add {host} to the certificate.',
    tls_cert_untrusted:
      'The certificate was issued by “{issuer}”, which this device does not trust; unless that is your organisation’s own CA, something on this network intercepts the connection.',
    starttls_unavailable:
      'Port {port} did not offer encryption (STARTTLS), so no password was sent; a firewall may strip it, so use the SSL/TLS port (993, 465 or 995) instead.',
    auth_login_disabled:
      'The server refuses password logins without encryption on port {port}; set the security to STARTTLS or SSL/TLS, and change the password if an app already sent it unencrypted.',
    auth_mechanism_unavailable:
      'The server offers no password login method on port {port} that mail apps can use; set authentication to “Normal password” (Thunderbird) or turn off SPA (Outlook).',
    auth_no_scope:
      'The {loggedInWith} login with the same password worked, so this app password has no {service} access or {service} is turned off for the mailbox; create an app password that includes {service}.',
    auth_failed:
      'The {service} login was refused: the password is wrong or revoked, or the user name is not the full email address (a just-revoked app password keeps working for up to 5 minutes). Not retried, because mailcow blocks an address after 10 failed logins.',
    protocol_error:
      'Port {port} answered, but not like a {service} server should; check the port number and the security setting.',
    timeout:
      'Port {port} did not answer in time; try again, or check the network between this device and the server.',
    timeout_run:
      'The check was cancelled before it finished, so this says nothing about the server; run it again for a result.',
    timeout_greeting:
      'Port {port} accepts connections but never sends a {service} greeting; the security setting is probably wrong (SSL/TLS versus STARTTLS).',
    timeout_tls:
      'Port {port} accepted the connection but never completed the secure handshake; check the security setting (STARTTLS for 143, 587, 110 and 4190).',
    timeout_auth:
      'The {service} server did not answer the login in time; it may be slowing down after earlier failed logins, so wait a few minutes before trying again.',
    skipped_gate_failed:
      'Login not tried because the {gate} login failed first; fix the password, then run the check again (every failed login counts toward mailcow’s block).',
    skipped_no_gate:
      'Login not tried because no connection reached the login step safely; fix the failures above first.',
    skipped_plaintext:
      'Login not tried because port {port} has no encryption and the password would travel in clear; use the SSL/TLS or STARTTLS port.',
    skipped_deadline: 'Login not tried because the check ran out of time; run it again.',
    skipped_no_scope:
      'This app password has no {service} access, so no login was tried; create one with {service} if this program needs it.',
    family_mismatch:
      'The server’s {family} address does not answer on port {port} while {other} works, so mail apps may be slow or fail; the administrator should fix the server’s {family} setup.',
    autoconfig_unavailable:
      '{url} gave no usable answer, so mail apps cannot set this account up automatically.',
    autoconfig_not_checked:
      'Automatic setup advertises {service} on {host} port {port}, which was not checked here.',
    autoconfig_not_answering:
      'Automatic setup advertises {service} on {host} port {port}, but it does not answer as advertised ({verdict}); Thunderbird’s automatic setup will fail.',
    clock_skewed:
      'This computer’s clock is {skew} {side} {host}; let it set the time automatically, since sign-ins and certificates are checked against it.',
  },
  notes: {
    rotation_new_removed: 'The new password was removed on the server; the old one stays in use.',
    rotation_both_gone:
      'Both the old and the new password are gone from the server; create a new one.',
    rotation_undone: 'The replacement was undone.',
    rotation_unreadable:
      'The new password could not be read back from the keychain; the old one stays in use.',
    rotation_check_failed:
      'The new password failed the {service} login check ({verdict}); the old one stays in use.',
    progress_creating: 'Creating the new app password…',
    progress_checking: 'Checking the new password with a real login…',
    progress_revoking: 'Revoking the old app password {id}…',
    progress_removing_new: 'Removing the new password again; the old one stays in place…',
    discovery_document: 'sign-in {issuer}, AppPass service {broker}',
    discovery_invalid_document: 'the setup document is not valid ({where}: {issue})',
    discovery_url_refused: 'an address in it was refused ({code}: {origin})',
    discovery_not_json: 'the answer is not a setup document (not JSON)',
    discovery_http_status: 'the server answered HTTP {status}',
    discovery_too_large: 'the answer is too large (over {kib} KiB)',
    discovery_deadline: 'no answer in time for the search',
    discovery_timeout: 'no answer in time',
    discovery_cannot_connect: 'no connection ({code})',
    discovery_request_failed: 'the request failed ({reason})',
    discovery_no_file: 'there is no such file',
    discovery_file_unreadable: 'the file cannot be read ({code})',
    discovery_file_too_large: 'the file is too large',
    discovery_not_xml: 'the answer is not XML',
    discovery_not_client_config: 'the answer is not a valid mail setup (clientConfig)',
    discovery_no_mail_server: 'the answer names no usable mail server',
    discovery_mail_host: 'mail server {host}',
    discovery_srv_not_offered: 'the DNS record says the service is not offered',
    discovery_srv_invalid: 'the DNS record names an invalid server or port',
    discovery_srv_endpoint: '{host}:{port}',
    discovery_no_mx: 'no usable MX record',
    discovery_mx: 'mail exchanger {host}',
    discovery_no_record: 'no such DNS record',
    discovery_dns_timeout: 'the DNS server did not answer in time',
    discovery_dns_failed: 'the DNS lookup failed ({code})',
  },
  signInPage: {
    pages: {
      signed_in: { title: 'Signed in to AppPass', body: 'You are signed in.' },
      sign_in_failed: {
        title: 'AppPass sign-in failed',
        body: 'The sign-in did not complete; the AppPass window says why.',
      },
      already_answered: {
        title: 'AppPass sign-in failed',
        body: 'This sign-in has already received its answer.',
      },
    },
    close: 'You can close this tab and return to AppPass.',
  },
  keychainReasons: {
    no_secret_service: 'no Secret Service on the session bus',
    no_session_bus: 'no D-Bus session bus',
    unreachable: 'the keychain cannot be reached',
  },
  keychainInstall: {
    linux:
      'Install and unlock a Secret Service keychain (gnome-keyring, e.g. apt install gnome-keyring, or KeePassXC with Secret Service integration enabled) in your desktop session.',
    darwin: 'Make sure your login keychain exists and is unlocked (Keychain Access).',
    other: 'Make sure Windows Credential Manager is available for your account.',
  },
  urlRoles: { issuer: 'The sign-in', broker: 'The AppPass service', config: 'The configuration' },
  clockSide: { ahead: 'ahead of', behind: 'behind' },
  durations: { seconds: '{n} seconds', minutes: '{n} minutes', hours: '{n} hours' },
};
