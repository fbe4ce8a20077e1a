import * as client from 'openid-client';
import { AppPassError } from '../errors.js';
import { createHttpFetch } from '../net/http.js';
import { assertSecureUrl, insecureHttpAllowed } from '../net/insecure.js';
import type { AuthNetOptions } from './types.js';

/** Seconds: desktop clocks drift, and a token that is a minute early is not an attack. */
const CLOCK_TOLERANCE_S = 90;
const REQUEST_TIMEOUT_S = 20;

/**
 * OIDC discovery for a public native client (token endpoint auth `none`), with our proxy/CA
 * fetch and the http:// refusal. One Configuration per issuer and client is enough.
 */
export async function connectIssuer(
  o: { issuer: string; clientId: string } & AuthNetOptions,
): Promise<client.Configuration> {
  const url = assertSecureUrl(o.issuer, 'issuer', o.env);
  const insecure = url.protocol === 'http:' && insecureHttpAllowed(o.env);
  const customFetch = createHttpFetch({ env: o.env, timeoutMs: REQUEST_TIMEOUT_S * 1000 });
  try {
    return await client.discovery(
      url,
      o.clientId,
      { [client.clockTolerance]: CLOCK_TOLERANCE_S },
      client.None(),
      {
        [client.customFetch]: customFetch as client.CustomFetch,
        timeout: REQUEST_TIMEOUT_S,
        execute: insecure ? [client.allowInsecureRequests] : [],
      },
    );
  } catch (err) {
    throw new AppPassError('idp_unreachable', 'auth', {
      params: { origin: url.origin, reason: reason(err) },
      cause: err,
    });
  }
}

/** The most specific thing the cause chain says: a system error code, else the innermost message. */
function reason(err: unknown): string {
  let innermost = 'unknown error';
  for (
    let e = err as { code?: unknown; message?: string; cause?: unknown } | undefined, n = 0;
    e && n < 5;
    e = e.cause as typeof e, n++
  ) {
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
    if (e.message) innermost = e.message;
  }
  return innermost;
}
