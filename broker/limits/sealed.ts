import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Idempotency results hold a new app password, and Redis is shared with the rest of mailcow.
 * So nothing readable goes there: the Redis key is an HMAC of (sub, Idempotency-Key) under the
 * broker's secret (the mailcow API key, which every instance has and Redis never sees), and the
 * value is AES-256-GCM under a key derived from the same secret plus the Idempotency-Key, so
 * only a broker answering that very request can open it.
 */
export class Sealer {
  constructor(private readonly secret: string) {}

  private mac(label: string, parts: string[]): Buffer {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify([label, ...parts]))
      .digest();
  }

  /** A stable, opaque name for `parts` (for Redis keys). */
  name(label: string, ...parts: string[]): string {
    return this.mac(label, parts).toString('base64url');
  }

  seal(plain: string, ...context: string[]): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.mac('seal', context), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** null when the text was not sealed for this context (or was tampered with). */
  open(sealed: string, ...context: string[]): string | null {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.mac('seal', context), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
