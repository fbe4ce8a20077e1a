import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { trustedCertificates } from './ca.js';
import { capResponse, MAX_BODY_BYTES } from './capped-body.js';

export interface HttpFetchOptions {
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY / NODE_EXTRA_CA_CERTS are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per-request bound in ms (connect to last byte), default 15000. */
  timeoutMs?: number;
  /** Largest body read, default MAX_BODY_BYTES; reading stops there with BodyTooLargeError. */
  maxBodyBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function pick(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? undefined;
}

/** One undici agent honouring the corporate proxy variables and the extra CA of `env`. */
export function createDispatcher(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const ca = trustedCertificates(env);
  const tls = ca ? { ca } : {};
  return new EnvHttpProxyAgent({
    // Passed explicitly (even when empty) so an injected env is not overridden by process.env.
    httpProxy: pick(env, 'http_proxy') ?? '',
    httpsProxy: pick(env, 'https_proxy') ?? pick(env, 'http_proxy') ?? '',
    noProxy: pick(env, 'no_proxy') ?? '',
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
}

/**
 * A `fetch` for every outgoing request of the desktop core (IdP, broker, discovery): proxy
 * from HTTPS_PROXY/NO_PROXY, extra CA from NODE_EXTRA_CA_CERTS, and a timeout so nothing
 * waits for minutes. The caller's own signal still cancels.
 */
export function createHttpFetch(o: HttpFetchOptions = {}): typeof fetch {
  const dispatcher = createDispatcher(o.env);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const httpFetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // undici's own fetch, so the dispatcher and the fetch come from the same undici version.
    const res = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      signal,
      dispatcher,
    });
    return capResponse(res as unknown as Response, maxBodyBytes);
  };
  return httpFetch as unknown as typeof fetch;
}
