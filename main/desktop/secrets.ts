import { randomBytes } from 'node:crypto';
import { AppPassError } from '../core/errors.js';

/** Clipboard access, injected (Electron's clipboard in the app, a fake in tests). */
export interface ClipboardLike {
  writeText(text: string): void;
  readText(): string;
}

export interface SecretHandlesOptions {
  clipboard: ClipboardLike;
  /** Seconds until the clipboard is cleared (if it still holds our value); default 30. */
  clearAfterSeconds?: number;
  /** How long a handle stays valid without `forget`; default 10 minutes. */
  handleTtlMs?: number;
  setTimer?: (run: () => void, ms: number) => void;
  now?: () => number;
}

export interface SecretHandles {
  /** Keeps `secret` in this process and returns an opaque handle for the renderer. */
  hold(secret: string): string;
  /** Copies the secret behind `ref`; the clipboard is cleared later if still unchanged. */
  copy(ref: string): { clearsInSeconds: number };
  /** The secret behind `ref`, for main's own use (the profile file); never sent back. */
  read(ref: string): string;
  forget(ref: string): void;
  /** At quit: clears the clipboard now if it still holds a secret we put there. */
  clearClipboard(): void;
}

/**
 * Secrets the show-once panel may copy. The password crosses IPC once; copies go through the
 * handle, so the renderer never needs to send it back.
 */
export function createSecretHandles(o: SecretHandlesOptions): SecretHandles {
  const clearAfter = o.clearAfterSeconds ?? 30;
  const ttl = o.handleTtlMs ?? 10 * 60_000;
  const now = o.now ?? Date.now;
  const setTimer =
    o.setTimer ?? ((run: () => void, ms: number) => void setTimeout(run, ms).unref());
  const held = new Map<string, { secret: string; expires: number }>();
  /** Secrets on the clipboard whose timer has not run yet. */
  const copied = new Set<string>();
  const clearIfStill = (secret: string) => {
    // Leave the clipboard alone when the user has copied something else meanwhile.
    if (o.clipboard.readText() === secret) o.clipboard.writeText('');
    copied.delete(secret);
  };

  function lookup(ref: string): string {
    const entry = held.get(ref);
    if (!entry || entry.expires < now()) {
      held.delete(ref);
      throw new AppPassError('secret_gone');
    }
    return entry.secret;
  }

  return {
    hold(secret) {
      const ref = randomBytes(24).toString('base64url');
      held.set(ref, { secret, expires: now() + ttl });
      return ref;
    },
    copy(ref) {
      const secret = lookup(ref);
      o.clipboard.writeText(secret);
      copied.add(secret);
      setTimer(() => clearIfStill(secret), clearAfter * 1000);
      return { clearsInSeconds: clearAfter };
    },
    read: lookup,
    forget(ref) {
      held.delete(ref);
    },
    clearClipboard() {
      for (const secret of copied) clearIfStill(secret);
    },
  };
}
