const WINDOW_MS = 10 * 60_000;

interface Entry<T> {
  fingerprint: string;
  result: T;
  until: number;
}

/**
 * Results of writes by (sub, Idempotency-Key), for 10 minutes, in memory only (the stored
 * result holds a password, so it is never written anywhere). `fingerprint` is the request it
 * answered: the same key with another request is a client bug, reported as a conflict.
 */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(
    sub: string,
    key: string,
    fingerprint: string,
    now = Date.now(),
  ): { hit: T } | { conflict: true } | null {
    this.expire(now);
    const e = this.entries.get(JSON.stringify([sub, key]));
    if (!e) return null;
    return e.fingerprint === fingerprint ? { hit: e.result } : { conflict: true };
  }

  put(sub: string, key: string, fingerprint: string, result: T, now = Date.now()): void {
    this.entries.set(JSON.stringify([sub, key]), { fingerprint, result, until: now + WINDOW_MS });
  }

  private expire(now: number): void {
    for (const [k, e] of this.entries) {
      if (e.until > now) break; // insertion order = expiry order
      this.entries.delete(k);
    }
  }
}
