import { AppPassError } from '../errors.js';

/** `APPPASS_INSECURE_HTTP=1` allows `http://` issuer and broker URLs (tests and local demos only). */
export function insecureHttpAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.APPPASS_INSECURE_HTTP === '1';
}

/**
 * Refuses any URL that is not https, unless APPPASS_INSECURE_HTTP=1 and the URL is http.
 * `what` names the URL for the person reading the message ("The issuer", "The broker").
 */
export function assertSecureUrl(url: string, what: string, env?: NodeJS.ProcessEnv): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppPassError('invalid_url', `${what} URL "${url}" is not a valid URL.`, 'usage');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && insecureHttpAllowed(env)) return parsed;
  if (parsed.protocol === 'http:') {
    throw new AppPassError(
      'insecure_http',
      `${what} URL ${parsed.origin} uses plain http://; use https:// (APPPASS_INSECURE_HTTP=1 allows http for tests only).`,
      'usage',
    );
  }
  throw new AppPassError('invalid_url', `${what} URL must start with https://.`, 'usage');
}
