import { describe, expect, it } from 'vitest';
import { createSecretHandles } from '../../../../main/desktop/secrets.js';
import { AppPassError } from '../../../../main/core/errors.js';

function bench() {
  const clipboard = {
    text: '',
    writeText: (t: string) => void (clipboard.text = t),
    readText: () => clipboard.text,
  };
  const timers: Array<{ run: () => void; ms: number }> = [];
  let now = 1_000;
  const handles = createSecretHandles({
    clipboard,
    setTimer: (run, ms) => void timers.push({ run, ms }),
    now: () => now,
    handleTtlMs: 60_000,
  });
  return { clipboard, timers, handles, advance: (ms: number) => void (now += ms) };
}

describe('secret handles', () => {
  it('copies by handle and clears the clipboard after 30 s if it still holds the secret', () => {
    const b = bench();
    const ref = b.handles.hold('s3cret-app-password');
    expect(ref).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(b.handles.copy(ref)).toEqual({ clearsInSeconds: 30 });
    expect(b.clipboard.text).toBe('s3cret-app-password');
    expect(b.timers.map((t) => t.ms)).toEqual([30_000]);
    b.timers[0]?.run();
    expect(b.clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', () => {
    const b = bench();
    b.handles.copy(b.handles.hold('s3cret-app-password'));
    b.clipboard.writeText('a note the user copied');
    b.timers[0]?.run();
    expect(b.clipboard.text).toBe('a note the user copied');
  });

  it('clears a copied secret at quit, unless the clipboard holds something else', () => {
    const b = bench();
    b.handles.copy(b.handles.hold('s3cret-app-password'));
    b.handles.clearClipboard();
    expect(b.clipboard.text).toBe('');
    b.handles.copy(b.handles.hold('another-secret-value'));
    b.clipboard.writeText('user text');
    b.handles.clearClipboard();
    expect(b.clipboard.text).toBe('user text');
  });

  it('refuses forgotten, expired and unknown handles', () => {
    const b = bench();
    const forgotten = b.handles.hold('one');
    b.handles.forget(forgotten);
    const expired = b.handles.hold('two');
    b.advance(60_001);
    for (const ref of [forgotten, expired, 'x'.repeat(32)]) {
      expect(() => b.handles.copy(ref)).toThrow(AppPassError);
    }
    expect(b.clipboard.text).toBe('');
  });
});
