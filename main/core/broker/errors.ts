import { AppPassError, type ErrorKind } from '../errors.js';
import { bodyTooLarge } from '../net/capped-body.js';
import { problemSchema, type Problem } from '../../../protocol/problems.js';

/** A failure talking to the broker: the HTTP status (0 = no answer) and the problem it sent. */
export class BrokerError extends AppPassError {
  constructor(
    code: string,
    message: string,
    kind: ErrorKind,
    readonly status: number,
    readonly problem?: Problem,
    /** Seconds the broker asked us to wait (429 / 503 `Retry-After`). */
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, kind, options);
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

/** Text of the broker's problem, cut to one line; the broker never puts secrets there. */
function said(problem: Problem, max = 200): string {
  const text = (problem.detail ?? problem.title ?? '').replace(/\s+/g, ' ').trim();
  return text ? ` (${text.slice(0, max).replace(/\.$/, '')})` : '';
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

/** Maps a non-2xx broker answer to a typed error with a message written for people. */
export function errorForStatus(res: Response, problem: Problem): BrokerError {
  const s = res.status;
  const make = (code: string, message: string, kind: ErrorKind = 'failed', retry?: number) =>
    new BrokerError(code, message, kind, s, problem, retry);
  if (s === 401)
    return make(
      'broker_unauthorized',
      'The broker did not accept your sign-in; run `apppass login` again.',
      'auth',
    );
  if (s === 403)
    // An unverified address comes with the fix for the IdP: long, and the whole point.
    return make(
      forbiddenCode(problem),
      `The broker refused to act for this account${said(problem, 600)}.`,
    );
  if (s === 404)
    return make('broker_not_found', `No such app password on your mailbox${said(problem)}.`);
  if (s === 409) return make('broker_conflict', `The broker refused the request${said(problem)}.`);
  if (s === 400 || s === 413 || s === 422)
    return make(
      'broker_invalid_request',
      `The broker rejected the request${said(problem)}.`,
      'usage',
    );
  if (s === 429) {
    const wait = retryAfterSeconds(res);
    const when = wait === undefined ? 'in a moment' : `in ${wait} s`;
    return make(
      'broker_rate_limited',
      `Too many changes at once; try again ${when}.`,
      'failed',
      wait,
    );
  }
  if (s === 502 || s === 504)
    return make(
      'mailcow_unavailable',
      `The mail server's API did not answer the broker; try again later${said(problem)}.`,
    );
  if (s >= 500)
    return make(
      'broker_unavailable',
      `The broker is unavailable (HTTP ${s}); try again later.`,
      'failed',
      retryAfterSeconds(res),
    );
  return make(
    'broker_unexpected_status',
    `The broker answered with unexpected HTTP ${s}${said(problem)}.`,
  );
}

export function invalidAnswer(what: string, status: number, cause: unknown): BrokerError {
  const tooLarge = bodyTooLarge(cause);
  return new BrokerError(
    'broker_bad_answer',
    tooLarge
      ? `The broker's answer (${what}) is too large (over ${Math.round(tooLarge.limit / 1024)} KiB); AppPass stopped reading it. Check the broker address.`
      : `The broker sent an answer AppPass does not understand (${what}); check that broker and app versions match.`,
    'failed',
    status,
    undefined,
    undefined,
    { cause },
  );
}

export function unreachable(baseUrl: string, timedOut: boolean, cause: unknown): BrokerError {
  const host = new URL(baseUrl).host;
  return timedOut
    ? new BrokerError(
        'broker_timeout',
        `The broker at ${host} did not answer in time; check your network and try again.`,
        'failed',
        0,
        undefined,
        undefined,
        { cause },
      )
    : new BrokerError(
        'broker_unreachable',
        `Cannot reach the broker at ${host}; check your network connection.`,
        'failed',
        0,
        undefined,
        undefined,
        { cause },
      );
}
