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
 * Fetches `<issuer>/.well-known/openid-configuration` once and keeps it for the life of the
 * process (a failed fetch is retried at most every 10 s). The metadata's `issuer` must equal the
 * configured one exactly.
 */
export class IssuerDiscovery {
  private cached: Promise<IssuerMetadata> | null = null;
  private failedAt = 0;

  constructor(
    private readonly issuer: string,
    private readonly allowHttp: boolean,
  ) {}

  get(): Promise<IssuerMetadata> {
    if (!this.cached) {
      if (Date.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) {
        return Promise.reject(
          new IssuerError('the identity provider could not be reached a moment ago'),
        );
      }
      this.cached = this.fetchMetadata().catch((e: unknown) => {
        this.cached = null;
        this.failedAt = Date.now();
        throw e;
      });
    }
    return this.cached;
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
    if (m.data.issuer !== this.issuer) {
      throw new IssuerError(
        `the discovery document names issuer ${m.data.issuer}, not ${this.issuer}`,
      );
    }
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
