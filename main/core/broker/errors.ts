import { problemCode, problemSchema, type Problem } from '../../../protocol/problems.js';
import { AppPassError, type ErrorKind, type ErrorOptions, type MessageParams } from '../errors.js';
import { bodyTooLarge } from '../net/capped-body.js';

/** A failure talking to the broker: the HTTP status (0 = no answer) and the problem it sent. */
export class BrokerError extends AppPassError {
  constructor(
    code: string,
    kind: ErrorKind,
    readonly status: number,
    readonly problem?: Problem,
    /** Seconds the broker asked us to wait (429 / 503 `Retry-After`). */
    readonly retryAfterSeconds?: number,
    options: ErrorOptions = {},
  ) {
    super(code, kind, options);
    this.name = 'BrokerError';
  }
}

/** Reads a problem+json body if there is one; anything else (HTML from a proxy) yields {}. */
export async function readProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return {};
  try {
    const parsed = problemSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** `Retry-After` as seconds (delta form or HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(res: Response, now = Date.now()): number | undefined {
  const value = res.headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * What the broker said (its problem code and detail, cut to one line), for the wording; the
 * broker never puts secrets there.
 */
function said(problem: Problem, max = 200): MessageParams {
  const text = (problem.detail ?? problem.title ?? '').replace(/\s+/g, ' ').trim();
  const code = problemCode(problem.type);
  return {
    said: text.slice(0, max).replace(/\.$/, ''),
    ...(code ? { problem: code } : {}),
  };
}

/**
 * `email_unverified_authentik` / `_keycloak` / `email_unverified`: the fix differs per IdP, and
 * the desktop app says it in the user's language; other refusals stay `broker_forbidden`.
 */
function forbiddenCode(problem: Problem): string {
  if (problem.type !== 'urn:apppass:problem:email_unverified') return 'broker_forbidden';
  return problem.idp === 'authentik' || problem.idp === 'keycloak'
    ? `email_unverified_${problem.idp}`
    : 'email_unverified';
}

/** Maps a non-2xx broker answer to a typed error: a code, the status and what the broker said. */
export function errorForStatus(res: Response, problem: Problem): BrokerError {
  const s = res.status;
  const make = (code: string, kind: ErrorKind = 'failed', retry?: number, max?: number) =>
    new BrokerError(code, kind, s, problem, retry, {
      params: {
        status: s,
        ...said(problem, max),
        ...(retry === undefined ? {} : { wait: retry }),
      },
    });
  if (s === 401) return make('broker_unauthorized', 'auth');
  // An unverified address comes with the fix for the IdP: long, and the whole point.
  if (s === 403) return make(forbiddenCode(problem), 'failed', undefined, 600);
  if (s === 404) return make('broker_not_found');
  if (s === 409) return make('broker_conflict');
  if (s === 400 || s === 413 || s === 422) return make('broker_invalid_request', 'usage');
  if (s === 429) return make('broker_rate_limited', 'failed', retryAfterSeconds(res));
  if (s === 502 || s === 504) return make('mailcow_unavailable');
  if (s >= 500) return make('broker_unavailable', 'failed', retryAfterSeconds(res));
  return make('broker_unexpected_status');
}

export function invalidAnswer(what: string, status: number, cause: unknown): BrokerError {
  const tooLarge = bodyTooLarge(cause);
  return new BrokerError('broker_bad_answer', 'failed', status, undefined, undefined, {
    params: { what, ...(tooLarge ? { limitKiB: Math.round(tooLarge.limit / 1024) } : {}) },
    cause,
  });
}

export function unreachable(baseUrl: string, timedOut: boolean, cause: unknown): BrokerError {
  const host = new URL(baseUrl).host;
  return new BrokerError(
    timedOut ? 'broker_timeout' : 'broker_unreachable',
    'failed',
    0,
    undefined,
    undefined,
    { params: { host }, cause },
  );
}
