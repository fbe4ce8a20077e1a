import type { Advice, HintCode, MessageParams } from '../../../protocol/messages.js';
import type { DoctorReport } from '../../../protocol/report.js';

type Wording = (p: MessageParams) => string;

const NAMES: Record<string, string> = {
  imap: 'IMAP',
  smtp: 'SMTP',
  pop3: 'POP3',
  sieve: 'ManageSieve',
};
const svc = (p: MessageParams, key = 'service') => NAMES[String(p[key])] ?? String(p[key]);
const BAN = 'mailcow blocks an IP address for 30 minutes after 10 failed logins in 10 minutes';
const SOCKET_TYPE: Record<string, string> = { tls: 'SSL', starttls: 'STARTTLS', none: 'plain' };
const family = (f: unknown) => (f === 'ipv6' ? 'IPv6' : 'IPv4');
const advertised = (p: MessageParams) =>
  `${String(p.service).toUpperCase()} on ${p.host} port ${p.port} ${SOCKET_TYPE[String(p.security)]}`;

function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${s} seconds`;
  if (s < 7200) return `${Math.round(s / 60)} minutes`;
  return `${Math.round(s / 3600)} hours`;
}

/** English for every hint code of the connectivity check and its findings. */
export const HINT_TEXT: Readonly<Record<HintCode, Wording>> = {
  dns_not_found: (p) =>
    `The server name ${p.host} does not exist in DNS; check its spelling or your domain's DNS records (MX, autoconfig, autodiscover).`,
  dns_timeout: (p) =>
    `DNS did not answer for ${p.host}; check this device's network connection and DNS server (VPN, captive portal, offline).`,
  tcp_refused: (p) =>
    `The server refused connections on port ${p.port}: the ${svc(p)} service may be stopped or use another port, or your IP may be blocked (${BAN}).`,
  tcp_unreachable: (p) =>
    `This device has no route to ${p.host} on port ${p.port} (${p.unreachable}); check the network connection or VPN.`,
  tcp_timeout: (p) =>
    `Port ${p.port} on ${p.host} did not answer in time; a firewall on this network may block mail ports, so try another network or ask your IT.`,
  tls_plaintext_port: (p) =>
    `Port ${p.port} does not start with TLS; set the security for this port to STARTTLS (SSL/TLS is for 993, 465 and 995).`,
  tls_handshake_failed: (p) =>
    `The secure connection on port ${p.port} failed before login; the server requires TLS 1.2 or newer, and an old app, an antivirus or a proxy may interfere.`,
  tls_cert_expired: (p) =>
    `The server's certificate is not valid now (expiry ${p.expires || 'unknown'}); if this device's clock is right, the admin should renew it (mailcow's ACME).`,
  tls_cert_hostname_mismatch: (p) =>
    `The certificate is for ${p.subject || 'another name'}, not ${p.host}; use ${p.subject || 'the certificate name'} as the server name, or the admin can add ${p.host} to the certificate (ADDITIONAL_SAN).`,
  tls_cert_untrusted: (p) =>
    `The certificate was issued by "${p.issuer || 'unknown'}", which this device does not trust; unless that is your organisation's own CA, something on this network intercepts the connection.`,
  starttls_unavailable: (p) =>
    `Port ${p.port} did not offer encryption (STARTTLS), so no password was sent; a firewall may strip it, so use the SSL/TLS port (993, 465 or 995) instead.`,
  auth_login_disabled: (p) =>
    `The server refuses password logins without encryption on port ${p.port}; set the security to STARTTLS or SSL/TLS, and change the password if an app already sent it unencrypted.`,
  auth_mechanism_unavailable: (p) =>
    `The server offers no password login method on port ${p.port} that mail apps can use; set authentication to "Normal password" (Thunderbird) or turn off SPA (Outlook).`,
  auth_no_scope: (p) =>
    `The ${svc(p, 'loggedInWith')} login with the same password worked, so this app password has no ${svc(p)} access (${p.scope}) or ${svc(p)} is turned off for the mailbox; create an app password that includes ${svc(p)}.`,
  auth_failed: (p) =>
    `The ${svc(p)} login was refused: the password is wrong or revoked, or the username is not the full email address (a just-revoked app password keeps working for up to 5 minutes); not retried, because ${BAN}.`,
  protocol_error: (p) =>
    `Port ${p.port} answered, but not like a ${svc(p)} server should; check the port number and the security setting, or a proxy in between.`,
  timeout: (p) =>
    `Port ${p.port} did not answer in time; try again, or check the network between this device and the server.`,
  timeout_run: () =>
    'The check was cancelled before it finished, so this says nothing about the server; run it again for a result.',
  timeout_greeting: (p) =>
    `Port ${p.port} accepts connections but never sends a ${svc(p)} greeting; the security setting is probably wrong (SSL/TLS versus STARTTLS) or something in between holds the connection.`,
  timeout_tls: (p) =>
    `Port ${p.port} accepted the connection but never completed the secure handshake; check the security setting (STARTTLS for 143, 587, 110 and 4190) or a proxy in between.`,
  timeout_auth: (p) =>
    `The ${svc(p)} server did not answer the login in time; it may be slowing down after earlier failed logins, so wait a few minutes before trying again.`,
  skipped_gate_failed: (p) =>
    `Login not tried because the ${svc(p, 'gate')} login failed first; fix the password, then run the check again (every failed login counts toward the ban: ${BAN}).`,
  skipped_no_gate: () =>
    'Login not tried because no connection reached the login step safely; fix the failures above first.',
  skipped_plaintext: (p) =>
    `Login not tried because port ${p.port} has no encryption and the password would travel in clear; use the SSL/TLS or STARTTLS port.`,
  skipped_deadline: () =>
    'Login not tried because the time limit of the run ended first; run again with a longer --timeout.',
  skipped_no_scope: (p) =>
    `This app password has no ${svc(p)} access, so no login was tried; create one with ${svc(p)} if this client needs it.`,
  family_mismatch: (p) =>
    `The server's ${family(p.family)} address does not answer on port ${p.port} while ${family(p.other)} works, so mail apps may be slow or fail; the admin should fix the server's ${family(p.family)} setup or its ${p.family === 'ipv6' ? 'AAAA' : 'A'} record.`,
  autoconfig_unavailable: (p) =>
    `${p.url} gave no usable answer, so mail apps cannot set this account up automatically and users must enter the servers by hand.`,
  autoconfig_not_checked: (p) =>
    `autoconfig advertises ${advertised(p)}, which is not among the servers checked here; check it with \`apppass doctor --host ${p.host}\` or correct autoconfig.`,
  autoconfig_not_answering: (p) =>
    `autoconfig advertises ${advertised(p)} but it does not answer as advertised (${p.verdict}); Thunderbird's automatic setup will fail.`,
  clock_skewed: (p) =>
    `This computer's clock is ${duration(Number(p.skewSeconds))} ${Number(p.skewSeconds) > 0 ? 'ahead of' : 'behind'} ${p.host}'s; let it set the time automatically (NTP), since sign-in tokens, one-time codes and certificates ("not yet valid", "expired") are checked against it.`,
};

/** The English sentences of a list of hints, or null when there are none. */
export function hintText(advice: readonly Advice[] | undefined): string | null {
  const text = (advice ?? []).map((a) => HINT_TEXT[a.code](a.params)).join(' ');
  return text || null;
}

/** The report with every `hint` worded in English from its `advice` (the --json contract). */
export function withHints(r: DoctorReport): DoctorReport {
  return {
    ...r,
    checks: r.checks.map((c) => ({ ...c, hint: hintText(c.advice) ?? c.hint })),
    ...(r.findings
      ? { findings: r.findings.map((f) => ({ ...f, hint: hintText(f.advice) ?? f.hint })) }
      : {}),
  };
}
