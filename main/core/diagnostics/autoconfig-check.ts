import { parseAutoconfig } from '../discovery/autoconfig.js';
import { fetchReason, readBody } from '../discovery/document.js';
import { bodyTooLarge } from '../net/capped-body.js';
import type { MailEndpoint } from '../../../protocol/discovery.js';
import type { Advice, Note } from '../../../protocol/messages.js';
import type { MailService } from '../../../protocol/scopes.js';
import { datedFetch, type DatedAnswer } from './clock.js';
import type { AdvertisedServer, AutoconfigFinding, CheckResult } from '../../../protocol/report.js';

export interface HttpProbe {
  fetch: typeof fetch;
  /** Base URL for a host, `https://<host>` outside tests. */
  baseUrlFor: (host: string) => string;
  signal: AbortSignal;
}

/** What `autoconfig.<domain>` said: the servers mail apps would take, or why there are none. */
export interface AutoconfigAnswer {
  /** Without the query: the report must not carry the mailbox in URL-encoded form. */
  url: string;
  endpoints?: Partial<Record<MailService, MailEndpoint>>;
  detail?: string;
  dated?: DatedAnswer;
}

/** GETs mailcow's Thunderbird autoconfig for the mailbox; never throws. */
export async function fetchAutoconfig(email: string, http: HttpProbe): Promise<AutoconfigAnswer> {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const host = `autoconfig.${domain}`;
  const url = `${http.baseUrlFor(host)}/mail/config-v1.1.xml`;
  let dated: DatedAnswer | undefined;
  try {
    const asked = await datedFetch(
      http.fetch,
      host,
      `${url}?emailaddress=${encodeURIComponent(email)}`,
      { headers: { accept: 'application/xml' }, signal: http.signal },
    );
    dated = asked.dated;
    if (!asked.res.ok) {
      await asked.res.body?.cancel();
      return { url, dated, detail: `HTTP ${asked.res.status}` };
    }
    return { url, dated, endpoints: parseAutoconfig(await readBody(asked.res), domain).endpoints };
  } catch (err) {
    const detail =
      http.signal.aborted && !bodyTooLarge(err)
        ? 'no answer before the run deadline'
        : technical(fetchReason(err));
    return { url, dated, detail };
  }
}

/** A discovery note as the report's technical detail: its code and values, no sentence. */
function technical(note: Note): string {
  const values = Object.entries(note.params).map(([k, v]) => `${k} ${v}`);
  return values.length ? `${note.code} (${values.join(', ')})` : note.code;
}

/** The server answered as advertised: it greeted, and a STARTTLS port upgraded. */
function answered(c: CheckResult): boolean {
  const ok = (name: string) => c.steps.some((s) => s.name === name && s.ok);
  return ok('greeting') && (c.security !== 'starttls' || ok('starttls'));
}

function compareOne(
  service: MailService,
  e: MailEndpoint,
  checks: CheckResult[],
): AdvertisedServer {
  const same = checks.filter(
    (c) =>
      c.protocol === service &&
      c.host.toLowerCase() === e.host.toLowerCase() &&
      c.port === e.port &&
      c.security === e.security,
  );
  const hit = same.find(answered) ?? same[0];
  return { service, ...e, checkId: hit?.id ?? null, answers: hit ? answered(hit) : null };
}

function adviceOn(s: AdvertisedServer, checks: CheckResult[]): Advice | null {
  const where = { service: s.service, host: s.host, port: s.port, security: s.security };
  if (s.answers === null) return { code: 'autoconfig_not_checked', params: where };
  if (s.answers) return null;
  const verdict = checks.find((c) => c.id === s.checkId)?.verdict ?? 'no answer';
  return { code: 'autoconfig_not_answering', params: { ...where, verdict } };
}

/**
 * Compares the servers autoconfig advertises (the first per service: what Thunderbird sets up)
 * with what the checks found answering.
 */
export function compareAutoconfig(a: AutoconfigAnswer, checks: CheckResult[]): AutoconfigFinding {
  if (!a.endpoints) {
    return {
      id: 'autoconfig',
      verdict: 'unavailable',
      url: a.url,
      servers: [],
      hint: null,
      advice: [{ code: 'autoconfig_unavailable', params: { url: a.url } }],
      detail: a.detail ?? 'no answer',
    };
  }
  const servers = (Object.entries(a.endpoints) as [MailService, MailEndpoint][]).map(([svc, e]) =>
    compareOne(svc, e, checks),
  );
  const verdict = servers.some((s) => s.answers === false)
    ? 'not_answering'
    : servers.some((s) => s.answers === null)
      ? 'differs'
      : 'ok';
  const advice = servers.flatMap((s) => adviceOn(s, checks) ?? []);
  return { id: 'autoconfig', verdict, url: a.url, servers, hint: null, advice };
}
