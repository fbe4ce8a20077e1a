import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Problem, invalidToken } from '../http/problem.js';

const POSITIVE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

const userinfoSchema = z.looseObject({ sub: z.string().min(1) });
export type UserinfoClaims = z.infer<typeof userinfoSchema>;

export const idpUnavailable = (): Problem =>
  new Problem(
    503,
    'idp_unavailable',
    'Identity provider unavailable',
    'The identity provider did not answer; try again in a minute.',
    {
      'Retry-After': '30',
    },
  );

/**
 * Asks the IdP's userinfo endpoint who an access token belongs to: how opaque tokens
 * (Authelia's default) are checked. Good answers are kept 30 s, keyed by the token's SHA-256
 * so the token itself is never held; refusals are not cached.
 */
export class UserinfoClient {
  private readonly cache = new Map<string, { claims: UserinfoClaims; until: number }>();
  calls = 0;

  async claims(endpoint: URL, token: string): Promise<UserinfoClaims> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.claims;
    const claims = await this.fetchClaims(endpoint, token);
    if (this.cache.size >= MAX_ENTRIES) this.evict();
    this.cache.set(key, { claims, until: Date.now() + POSITIVE_TTL_MS });
    return claims;
  }

  private async fetchClaims(endpoint: URL, token: string): Promise<UserinfoClaims> {
    this.calls++;
    let res: Response;
    try {
      res = await fetch(endpoint, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      });
    } catch {
      throw idpUnavailable();
    }
    if (res.status === 401 || res.status === 403 || res.status === 400) {
      await res.body?.cancel();
      throw invalidToken('The identity provider does not accept this access token; sign in again.');
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw idpUnavailable();
    }
    const parsed = userinfoSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw idpUnavailable();
    return parsed.data;
  }

  private evict(): void {
    const now = Date.now();
    for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
  }
}
