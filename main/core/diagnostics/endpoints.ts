import type { DiscoveryDocument } from '../../../protocol/discovery.js';
import { MAILCOW_PORTS } from '../../../protocol/ports.js';
import { MAIL_SERVICES } from '../../../protocol/scopes.js';
import type { ProbeTarget } from './probe.js';

/** Every port mailcow opens for mail clients, on `host`. */

export function mailcowEndpoints(host: string): ProbeTarget[] {
  return MAILCOW_PORTS.map((p) => ({ ...p, host }));
}

/**
 * What the profile advertises; services it leaves out are filled in with mailcow's default
 * ports on the mail host (a profile often lists only IMAP and SMTP).
 */
export function endpointsFor(
  mail: DiscoveryDocument['mail'] | undefined,
  mailHost: string | undefined,
): ProbeTarget[] {
  const advertised = MAIL_SERVICES.flatMap((service) => {
    const e = mail?.[service];
    return e ? [{ service, host: e.host, port: e.port, security: e.security }] : [];
  });
  const host = mailHost ?? advertised[0]?.host;
  const offered = new Set(advertised.map((t) => t.service));
  const filled = host ? mailcowEndpoints(host).filter((t) => !offered.has(t.service)) : [];
  return [...advertised, ...filled];
}

/** Which check logs in first: IMAP if offered, implicit TLS before STARTTLS, then the rest. */
export function gateOrder(targets: readonly ProbeTarget[]): number[] {
  const rank = (t: ProbeTarget) =>
    MAIL_SERVICES.indexOf(t.service) * 10 + (t.security === 'tls' ? 0 : 1);
  return targets
    .map((t, i) => ({ i, r: rank(t) }))
    .filter(({ i }) => targets[i]?.security !== 'none')
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ i }) => i);
}
