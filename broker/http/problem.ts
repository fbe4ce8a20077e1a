import type { ServerResponse } from 'node:http';
import { problemType, type ProblemCode } from '../../protocol/problems.js';

/**
 * An answer the broker refuses or fails with, sent as RFC 9457 problem+json. `detail` is for
 * people and never contains a secret; `code` (one of protocol/problems.ts) becomes the problem
 * type `urn:apppass:problem:<code>` and is also the audit record's `reason`.
 */
export class Problem extends Error {
  override name = 'Problem';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    /** RFC 9457 extension members, e.g. `idp` on email_unverified (codes, never sentences). */
    readonly extensions: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** Headers on every answer: no caching, no sniffing, no framing, no CORS. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendProblem(res: ServerResponse, p: Problem): void {
  const text = JSON.stringify({
    type: problemType(p.code),
    title: p.title,
    status: p.status,
    detail: p.detail,
    ...p.extensions,
  });
  res.writeHead(p.status, {
    ...p.headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export const invalidToken = (detail: string): Problem =>
  new Problem(401, 'invalid_token', 'Invalid access token', detail, {
    'WWW-Authenticate': 'Bearer realm="apppass", error="invalid_token"',
  });

export const forbidden = (code: ProblemCode, detail: string): Problem =>
  new Problem(403, code, 'Not allowed', detail);

export const badRequest = (code: ProblemCode, detail: string): Problem =>
  new Problem(400, code, 'Bad request', detail);

export const badGateway = (code: ProblemCode, detail: string): Problem =>
  new Problem(502, code, 'mailcow did not answer properly', detail);
