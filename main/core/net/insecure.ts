import { AppPassError } from '../errors.js';

/** `APPPASS_INSECURE_HTTP=1` allows `http://` issuer and broker URLs (tests and local demos only). */
export function insecureHttpAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.APPPASS_INSECURE_HTTP === '1';
}

/** Which URL a refusal is about (the wording names it). */
export type UrlRole = 'issuer' | 'broker' | 'config';

/** Refuses any URL that is not https, unless APPPASS_INSECURE_HTTP=1 and the URL is http. */
export function assertSecureUrl(url: string, role: UrlRole, env?: NodeJS.ProcessEnv): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppPassError('invalid_url', 'usage', {
      params: { role, url, problem: 'unparsable' },
    });
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && insecureHttpAllowed(env)) return parsed;
  if (parsed.protocol === 'http:') {
    throw new AppPassError('insecure_http', 'usage', { params: { role, origin: parsed.origin } });
  }
  throw new AppPassError('invalid_url', 'usage', { params: { role, url, problem: 'scheme' } });
}
