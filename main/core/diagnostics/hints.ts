import { SERVICE_SCOPE, type MailService } from '../../../protocol/scopes.js';
import type { SkipReason, StepName } from '../../../protocol/report.js';
import type { Verdict } from '../../../protocol/verdicts.js';

const NAMES: Record<MailService, string> = {
  imap: 'IMAP',
  smtp: 'SMTP',
  pop3: 'POP3',
  sieve: 'ManageSieve',
};
const BAN = 'mailcow blocks an IP address for 30 minutes after 10 failed logins in 10 minutes';

export type { SkipReason } from '../../../protocol/report.js';

export interface HintContext {
  service: MailService;
  host: string;
  port: number;
  facts: Readonly<Record<string, string>>;
  /** The step that ran out of time, for `timeout`; 'run' when the run was cancelled. */
  step?: StepName | 'run';
  /** The service whose login succeeded earlier in the run, if any. */
  loggedInWith?: MailService;
  /** The gate's service, for `skipped`. */
  gate?: MailService;
  skip?: SkipReason;
}

type HintFn = (c: HintContext, svc: string) => string;

const timeoutHints: Partial<Record<StepName | 'run', HintFn>> = {
  run: () =>
    'The check was cancelled before it finished, so this says nothing about the server; run it again for a result.',
  greeting: (c, svc) =>
    `Port ${c.port} accepts connections but never sends a ${svc} greeting; the security setting is probably wrong (SSL/TLS versus STARTTLS) or something in between holds the connection.`,
  tls: (c) =>
    `Port ${c.port} accepted the connection but never completed the secure handshake; check the security setting (STARTTLS for 143, 587, 110 and 4190) or a proxy in between.`,
  auth: (_c, svc) =>
    `The ${svc} server did not answer the login in time; it may be slowing down after earlier failed logins, so wait a few minutes before trying again.`,
};

const skipHints: Record<SkipReason, HintFn> = {
  gate_failed: (c) =>
    `Login not tried because the ${NAMES[c.gate ?? 'imap']} login failed first; fix the password, then run the check again (every failed login counts toward the ban: ${BAN}).`,
  no_gate: () =>
    'Login not tried because no connection reached the login step safely; fix the failures above first.',
  plaintext: (c) =>
    `Login not tried because port ${c.port} has no encryption and the password would travel in clear; use the SSL/TLS or STARTTLS port.`,
  deadline: () =>
    'Login not tried because the time limit of the run ended first; run again with a longer --timeout.',
  no_scope: (_c, svc) =>
    `This app password has no ${svc} access, so no login was tried; create one with ${svc} if this client needs it.`,
};

const HINTS: Record<Exclude<Verdict, 'ok'>, HintFn> = {
  dns_not_found: (c) =>
    `The server name ${c.host} does not exist in DNS; check its spelling or your domain's DNS records (MX, autoconfig, autodiscover).`,
  dns_timeout: (c) =>
    `DNS did not answer for ${c.host}; check this device's network connection and DNS server (VPN, captive portal, offline).`,
  tcp_refused: (c, svc) =>
    `The server refused connections on port ${c.port}: the ${svc} service may be stopped or use another port, or your IP may be blocked (${BAN}).`,
  tcp_timeout: (c) =>
    c.facts.unreachable
      ? `This device has no route to ${c.host} on port ${c.port} (${c.facts.unreachable}); check the network connection or VPN.`
      : `Port ${c.port} on ${c.host} did not answer in time; a firewall on this network may block mail ports, so try another network or ask your IT.`,
  tls_handshake_failed: (c) =>
    c.facts.plaintextPort
      ? `Port ${c.port} does not start with TLS; set the security for this port to STARTTLS (SSL/TLS is for 993, 465 and 995).`
      : `The secure connection on port ${c.port} failed before login; the server requires TLS 1.2 or newer, and an old app, an antivirus or a proxy may interfere.`,
  tls_cert_expired: (c) =>
    `The server's certificate is not valid now (expiry ${c.facts.expires || 'unknown'}); if this device's clock is right, the admin should renew it (mailcow's ACME).`,
  tls_cert_hostname_mismatch: (c) =>
    `The certificate is for ${c.facts.subject || 'another name'}, not ${c.host}; use ${c.facts.subject || 'the certificate name'} as the server name, or the admin can add ${c.host} to the certificate (ADDITIONAL_SAN).`,
  tls_cert_untrusted: (c) =>
    `The certificate was issued by "${c.facts.issuer || 'unknown'}", which this device does not trust; unless that is your organisation's own CA, something on this network intercepts the connection.`,
  starttls_unavailable: (c) =>
    `Port ${c.port} did not offer encryption (STARTTLS), so no password was sent; a firewall may strip it, so use the SSL/TLS port (993, 465 or 995) instead.`,
  auth_mechanism_unavailable: (c) =>
    c.facts.loginDisabled === 'true'
      ? `The server refuses password logins without encryption on port ${c.port}; set the security to STARTTLS or SSL/TLS, and change the password if an app already sent it unencrypted.`
      : `The server offers no password login method on port ${c.port} that mail apps can use; set authentication to "Normal password" (Thunderbird) or turn off SPA (Outlook).`,
  auth_failed: (c, svc) =>
    c.loggedInWith
      ? `The ${NAMES[c.loggedInWith]} login with the same password worked, so this app password has no ${svc} access (${SERVICE_SCOPE[c.service]}) or ${svc} is turned off for the mailbox; create an app password that includes ${svc}.`
      : `The ${svc} login was refused: the password is wrong or revoked, or the username is not the full email address (a just-revoked app password keeps working for up to 5 minutes); not retried, because ${BAN}.`,
  protocol_error: (c, svc) =>
    `Port ${c.port} answered, but not like a ${svc} server should; check the port number and the security setting, or a proxy in between.`,
  timeout: (c, svc) =>
    (c.step && timeoutHints[c.step]?.(c, svc)) ??
    `Port ${c.port} did not answer in time; try again, or check the network between this device and the server.`,
  skipped: (c, svc) => skipHints[c.skip ?? 'no_gate'](c, svc),
};

/** One sentence a user or helpdesk can act on, or null for ok. */
export function hintFor(verdict: Verdict, c: HintContext): string | null {
  return verdict === 'ok' ? null : HINTS[verdict](c, NAMES[c.service]);
}

export function familyHint(family: 'ipv4' | 'ipv6', port: number, other: 'ipv4' | 'ipv6'): string {
  const v = (f: string) => (f === 'ipv6' ? 'IPv6' : 'IPv4');
  return `The server's ${v(family)} address does not answer on port ${port} while ${v(other)} works, so mail apps may be slow or fail; the admin should fix the server's ${v(family)} setup or its ${family === 'ipv6' ? 'AAAA' : 'A'} record.`;
}
