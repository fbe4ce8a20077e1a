import type { Resolver } from 'node:dns/promises';
import type { SrvRecord } from 'node:dns';
import type { MailEndpoint, MailSecurity } from '../../../protocol/discovery.js';
import type { Note } from '../../../protocol/messages.js';
import type { MailService } from '../../../protocol/scopes.js';
import { mailEndpoint } from '../../../protocol/discovery.js';
import { ADVERTISED_PORTS } from '../../../protocol/ports.js';

const advertisedOn = (host: string, service: MailService): MailEndpoint => {
  const { port, security } = ADVERTISED_PORTS[service];
  return { host, port, security };
};

export type MailResolver = Pick<Resolver, 'resolveSrv' | 'resolveMx'>;

/** RFC 6186 / RFC 8314 / RFC 5804 service labels, implicit TLS first (RFC 8314 prefers it). */
export const SRV_SERVICES: { label: string; service: MailService; security: MailSecurity }[] = [
  { label: '_imaps._tcp', service: 'imap', security: 'tls' },
  { label: '_imap._tcp', service: 'imap', security: 'starttls' },
  { label: '_submissions._tcp', service: 'smtp', security: 'tls' },
  { label: '_submission._tcp', service: 'smtp', security: 'starttls' },
  { label: '_pop3s._tcp', service: 'pop3', security: 'tls' },
  { label: '_pop3._tcp', service: 'pop3', security: 'starttls' },
  { label: '_sieve._tcp', service: 'sieve', security: 'starttls' },
];

/** Lowest priority, then highest weight; a target of "." means "not offered" (RFC 2782). */
function bestRecord(records: SrvRecord[]): SrvRecord | undefined {
  const sorted = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight);
  const best = sorted[0];
  return best && best.name !== '.' && best.name !== '' ? best : undefined;
}

export interface SrvAnswer {
  label: string;
  service: MailService;
  endpoint?: MailEndpoint;
  /** What the record said or why there is none. */
  note: Note;
}

export async function lookupSrv(
  resolver: MailResolver,
  domain: string,
  entry: (typeof SRV_SERVICES)[number],
): Promise<SrvAnswer> {
  const name = `${entry.label}.${domain}`;
  const base = { label: name, service: entry.service };
  try {
    const record = bestRecord(await resolver.resolveSrv(name));
    if (!record) return { ...base, note: { code: 'discovery_srv_not_offered', params: {} } };
    const parsed = mailEndpoint.safeParse({
      host: record.name.replace(/\.$/, ''),
      port: record.port,
      security: entry.security,
    });
    if (!parsed.success) return { ...base, note: { code: 'discovery_srv_invalid', params: {} } };
    const { host, port } = parsed.data;
    return {
      ...base,
      endpoint: parsed.data,
      note: { code: 'discovery_srv_endpoint', params: { host, port } },
    };
  } catch (err) {
    return { ...base, note: dnsReason(err) };
  }
}

/** MX only gives a host; assume mailcow's default implicit-TLS ports on it. */
export async function lookupMx(
  resolver: MailResolver,
  domain: string,
): Promise<{ endpoints: Partial<Record<MailService, MailEndpoint>>; note: Note; ok: boolean }> {
  try {
    const records = [...(await resolver.resolveMx(domain))].sort((a, b) => a.priority - b.priority);
    const host = records[0]?.exchange.replace(/\.$/, '');
    if (!host || !mailEndpoint.shape.host.safeParse(host).success) {
      return { endpoints: {}, note: { code: 'discovery_no_mx', params: {} }, ok: false };
    }
    return {
      ok: true,
      note: { code: 'discovery_mx', params: { host } },
      endpoints: {
        imap: advertisedOn(host, 'imap'),
        smtp: advertisedOn(host, 'smtp'),
      },
    };
  } catch (err) {
    return { endpoints: {}, note: dnsReason(err), ok: false };
  }
}

function dnsReason(err: unknown): Note {
  const code = (err as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'ENODATA')
    return { code: 'discovery_no_record', params: {} };
  if (code === 'ETIMEOUT') return { code: 'discovery_dns_timeout', params: {} };
  return { code: 'discovery_dns_failed', params: { code: code ?? 'unknown' } };
}
