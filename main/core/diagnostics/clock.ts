import type { ClockFinding } from '../../../protocol/report.js';

/** More than this between this computer's clock and a server's is a problem (diagnostics-notes §6). */
export const MAX_SKEW_SECONDS = 60;

/** An HTTPS answer's `Date` header with the local times the request went out and came back. */
export interface DatedAnswer {
  /** The host name asked (not the URL: tests point it elsewhere). */
  host: string;
  date: string | null;
  sentAt: number;
  receivedAt: number;
}

/** `fetch` that also notes the `Date` header and the local clock around the exchange. */
export async function datedFetch(
  fetcher: typeof fetch,
  host: string,
  url: string,
  init: RequestInit,
): Promise<{ res: Response; dated: DatedAnswer }> {
  const sentAt = Date.now();
  const res = await fetcher(url, init);
  const dated = { host, date: res.headers.get('date'), sentAt, receivedAt: Date.now() };
  return { res, dated };
}

/**
 * Skew from one answer. `Date` has whole seconds, cut off: the server's time was on average
 * half a second later, taken at the middle of the exchange.
 */
export function clockFinding(answer: DatedAnswer | undefined, why?: string): ClockFinding {
  const serverMs = answer?.date ? Date.parse(answer.date) : NaN;
  if (!answer || Number.isNaN(serverMs)) {
    const detail = why ?? (answer ? `${answer.host} sent no valid Date header` : 'no answer');
    return { id: 'clock', verdict: 'unknown', skewSeconds: null, source: null, hint: null, detail };
  }
  const localMs = (answer.sentAt + answer.receivedAt) / 2;
  const skewSeconds = Math.round((localMs - (serverMs + 500)) / 1000);
  const skewed = Math.abs(skewSeconds) > MAX_SKEW_SECONDS;
  return {
    id: 'clock',
    verdict: skewed ? 'skewed' : 'ok',
    skewSeconds,
    source: answer.host,
    hint: null,
    advice: skewed ? [{ code: 'clock_skewed', params: { skewSeconds, host: answer.host } }] : [],
  };
}
