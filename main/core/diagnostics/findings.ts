import { createHttpFetch } from '../net/http.js';
import { compareAutoconfig, fetchAutoconfig, type HttpProbe } from './autoconfig-check.js';
import { clockFinding, datedFetch } from './clock.js';
import type { Deadline } from './deadline.js';
import type { CheckResult, Finding } from '../../../protocol/report.js';

export interface FindingsOptions {
  /** Base URL for a host; default `https://<host>`. Tests point it at a local server. */
  baseUrlFor?: (host: string) => string;
  fetch?: typeof fetch;
}

/** Each HTTPS request's own limit, like a mail check's TLS or greeting step. */
const HTTP_LIMIT_MS = 5_000;

interface Run {
  email: string;
  /** Asked for the clock when autoconfig gave no `Date`: mailcow's web server is on the mail host. */
  mailHost?: string;
  env?: NodeJS.ProcessEnv;
  deadline: Deadline;
  signal?: AbortSignal;
}

/** The mail host's HTTPS answer's `Date`, when autoconfig gave none. */
async function askMailHost(host: string, http: HttpProbe) {
  try {
    const url = `${http.baseUrlFor(host)}/`;
    const { res, dated } = await datedFetch(http.fetch, host, url, {
      method: 'HEAD',
      signal: http.signal,
    });
    await res.body?.cancel();
    return clockFinding(dated);
  } catch {
    return clockFinding(undefined, `neither autoconfig nor https://${host} answered`);
  }
}

/**
 * Starts the HTTPS findings at once, beside the checks and within the run's deadline; the
 * returned function compares with the checks' results once they are in. Never throws.
 */
export function startFindings(
  o: FindingsOptions,
  run: Run,
): (checks: CheckResult[]) => Promise<Finding[]> {
  const bound = AbortSignal.timeout(Math.max(1, run.deadline.remaining()));
  const signal = run.signal ? AbortSignal.any([run.signal, bound]) : bound;
  // Made on first use, so an unreadable NODE_EXTRA_CA_CERTS becomes a finding's detail.
  let made: typeof fetch | undefined;
  const lazyFetch = ((url, init) =>
    (made ??= createHttpFetch({ env: run.env, timeoutMs: HTTP_LIMIT_MS }))(
      url,
      init,
    )) as typeof fetch;
  const http: HttpProbe = {
    fetch: o.fetch ?? lazyFetch,
    baseUrlFor: o.baseUrlFor ?? ((host) => `https://${host}`),
    signal,
  };
  const autoconfig = fetchAutoconfig(run.email, http);
  const clock = autoconfig.then((a) =>
    a.dated?.date || !run.mailHost ? clockFinding(a.dated) : askMailHost(run.mailHost, http),
  );
  return async (checks) => [compareAutoconfig(await autoconfig, checks), await clock];
}
