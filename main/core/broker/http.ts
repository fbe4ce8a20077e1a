import { AppPassError } from '../errors.js';
import { BrokerError, errorForStatus, readProblem, unreachable } from './errors.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface TokenSourceLike {
  getAccessToken(o?: { forceRefresh?: boolean }): Promise<string>;
}

export interface HttpOptions {
  baseUrl: string;
  tokens: TokenSourceLike;
  fetch: FetchLike;
  timeoutMs: number;
  /** Extra attempts for reads (GET) after a network failure, timeout or 502/503/504. */
  readRetries: number;
  /** Pause before retry n (1-based); tests shorten it. */
  backoffMs: (attempt: number) => number;
}

export interface BrokerRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  auth: boolean;
  /** A POST carrying an Idempotency-Key may be sent again after a failure without an answer. */
  replayable?: boolean;
  signal?: AbortSignal;
}

const TRANSIENT = new Set([502, 503, 504]);

/** `base` + `path` keeping the base's own path (`https://host/apppass` + `/v1/me`). */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

/**
 * Sends one logical request: bearer token (refreshed once on a 401), a timeout per attempt,
 * retries only where repeating cannot do harm (reads, or creates under the same Idempotency-Key
 * when no answer arrived). Resolves with a 2xx Response; throws BrokerError otherwise.
 */
export async function send(o: HttpOptions, req: BrokerRequest): Promise<Response> {
  const maxAttempts = req.method === 'GET' ? 1 + o.readRetries : req.replayable ? 2 : 1;
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await attemptOnce(o, req, refreshed);
    } catch (error) {
      if (
        error instanceof BrokerError &&
        error.status === 0 &&
        attempt < maxAttempts &&
        !req.signal?.aborted
      ) {
        await pause(o.backoffMs(attempt));
        continue;
      }
      throw error;
    }
    if (res.ok) return res;
    if (res.status === 401 && req.auth && !refreshed) {
      refreshed = true;
      await res.body?.cancel();
      attempt--; // the refresh retry does not count against transient retries
      continue;
    }
    if (req.method === 'GET' && TRANSIENT.has(res.status) && attempt < maxAttempts) {
      await res.body?.cancel();
      await pause(o.backoffMs(attempt));
      continue;
    }
    throw errorForStatus(res, await readProblem(res));
  }
}

async function attemptOnce(
  o: HttpOptions,
  req: BrokerRequest,
  forceRefresh: boolean,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.auth) headers.authorization = `Bearer ${await o.tokens.getAccessToken({ forceRefresh })}`;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  try {
    return await o.fetch(joinUrl(o.baseUrl, req.path), {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    if (req.signal?.aborted) throw error;
    // AppPassErrors from the shared net layer (e.g. http refused) are already for people.
    if (error instanceof AppPassError) throw error;
    throw unreachable(o.baseUrl, timeout.aborted, error);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
