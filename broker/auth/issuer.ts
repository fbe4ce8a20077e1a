import { z } from 'zod';

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519|ES256K)$/;
const RETRY_AFTER_FAILURE_MS = 10_000;

const metadataSchema = z.object({
  issuer: z.string(),
  jwks_uri: z.string().url(),
  userinfo_endpoint: z.string().url().optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  token_endpoint_auth_signing_alg_values_supported: z.array(z.string()).optional(),
  userinfo_signing_alg_values_supported: z.array(z.string()).optional(),
});

export interface IssuerMetadata {
  jwksUri: URL;
  userinfoEndpoint: URL | null;
  /** Asymmetric signing algorithms the issuer advertises (never HS*, never none). */
  algorithms: string[];
}

/** The issuer refused, was unreachable or published something unusable. */
export class IssuerError extends Error {
  override name = 'IssuerError';
}

/**
 * The IdP answers but names itself differently from APPPASS_ISSUER: no token can ever verify,
 * and waiting will not help — the broker's configuration must change.
 */
export class IssuerConfigError extends IssuerError {
  override name = 'IssuerConfigError';
}

/** One line for the operator: what is set, what the IdP says, what to set instead. */
export function issuerMismatch(configured: string, published: string): IssuerConfigError {
  const slashOnly = configured.replace(/\/+$/, '') === published.replace(/\/+$/, '');
  return new IssuerConfigError(
    `APPPASS_ISSUER is ${configured} but the identity provider names itself ${published}` +
      (slashOnly ? ' (they differ only by the trailing slash)' : '') +
      `; set APPPASS_ISSUER=${published} exactly`,
  );
}

/**
 * Fetches `<issuer>/.well-known/openid-configuration` once and keeps it for the life of the
 * process (a failed fetch is retried at most every 10 s). The metadata's `issuer` must equal the
 * configured one exactly.
 */
export class IssuerDiscovery {
  private cached: Promise<IssuerMetadata> | null = null;
  private failedAt = 0;
  /** The last answer was a configuration error (for /healthz); cleared by a good answer. */
  configError: IssuerConfigError | null = null;

  constructor(
    private readonly issuer: string,
    private readonly allowHttp: boolean,
  ) {}

  get(): Promise<IssuerMetadata> {
    if (!this.cached) {
      if (Date.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) {
        return Promise.reject(
          this.configError ??
            new IssuerError('the identity provider could not be reached a moment ago'),
        );
      }
      this.cached = this.fetchMetadata().then(
        (meta) => {
          this.configError = null;
          return meta;
        },
        (e: unknown) => {
          this.cached = null;
          this.failedAt = Date.now();
          this.configError = e instanceof IssuerConfigError ? e : null;
          throw e;
        },
      );
    }
    return this.cached;
  }

  /**
   * Start-up and /healthz check: resolves with the configuration error if the IdP names
   * another issuer, null otherwise. An unreachable IdP is not held against the next request.
   */
  async probe(): Promise<IssuerConfigError | null> {
    try {
      await this.get();
      return null;
    } catch (e) {
      if (e instanceof IssuerConfigError) return e;
      this.failedAt = 0;
      return null;
    }
  }

  private async fetchMetadata(): Promise<IssuerMetadata> {
    const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let json: unknown;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
      if (!res.ok)
        throw new IssuerError(`the issuer's discovery document answered HTTP ${res.status}`);
      json = await res.json();
    } catch (e) {
      throw e instanceof IssuerError
        ? e
        : new IssuerError(`cannot fetch ${url}: ${(e as Error).message}`);
    }
    const m = metadataSchema.safeParse(json);
    if (!m.success)
      throw new IssuerError('the issuer published a discovery document without jwks_uri');
    if (m.data.issuer !== this.issuer) throw issuerMismatch(this.issuer, m.data.issuer);
    const jwksUri = this.checkedUrl(m.data.jwks_uri);
    const advertised = [
      ...(m.data.id_token_signing_alg_values_supported ?? []),
      ...(m.data.userinfo_signing_alg_values_supported ?? []),
      ...(m.data.token_endpoint_auth_signing_alg_values_supported ?? []),
    ].filter((a) => ASYMMETRIC.test(a));
    return {
      jwksUri,
      userinfoEndpoint: m.data.userinfo_endpoint ? this.checkedUrl(m.data.userinfo_endpoint) : null,
      algorithms: advertised.length ? [...new Set(advertised)] : ['RS256'],
    };
  }

  private checkedUrl(value: string): URL {
    const u = new URL(value);
    if (u.protocol !== 'https:' && !(this.allowHttp && u.protocol === 'http:')) {
      throw new IssuerError(`the issuer advertises a non-https endpoint: ${u.origin}`);
    }
    return u;
  }
}
