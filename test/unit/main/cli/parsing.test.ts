import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppPassError } from '../../../../main/core/errors.js';
import { parseId, parseProtocols } from '../../../../main/cli/args.js';
import { describeFailure, redact } from '../../../../main/cli/failures.js';
import { runCli } from '../../../../main/cli/main.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      env,
      stdin: Readable.from([]),
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
    },
  };
}

describe('arguments', () => {
  it('maps protocol short names and scope names, once each', () => {
    expect(parseProtocols('imap, SMTP,imap,sieve_access')).toEqual([
      'imap_access',
      'smtp_access',
      'sieve_access',
    ]);
    expect(() => parseProtocols('imap,ftp')).toThrow(/Unknown protocol "ftp"/);
    expect(() => parseProtocols(' , ')).toThrow(/at least one protocol/);
  });

  it('accepts only plain numeric ids', () => {
    expect(parseId('42')).toBe(42);
    for (const bad of ['', '-1', '4.2', '1e3', 'abc', undefined])
      expect(() => parseId(bad)).toThrow(AppPassError);
  });
});

describe('failures', () => {
  it('maps error kinds to exit codes', () => {
    expect(describeFailure(new AppPassError('x', 'usage')).exitCode).toBe(2);
    expect(describeFailure(new AppPassError('x', 'auth')).exitCode).toBe(3);
    expect(describeFailure(new AppPassError('x')).exitCode).toBe(1);
  });

  it('reports unexpected errors in one line pointing at APPPASS_DEBUG, with secrets scrubbed', () => {
    const f = describeFailure(new Error('boom with Bearer abc.def.ghi\nsecond line'));
    expect(f.message).toBe(
      'Unexpected error: boom with Bearer [redacted]. Run with APPPASS_DEBUG=1 for details.',
    );
    expect(f.debug).toContain('Bearer [redacted]');
  });

  it('redacts tokens, password assignments and long opaque strings', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const text = redact(`token=${'a'.repeat(10)} password: hunter2 ${jwt} ${'Z'.repeat(40)}`);
    expect(text).not.toMatch(/hunter2|aaaaaaaaaa|eyJ|ZZZZ/);
  });
});

describe('runCli', () => {
  it('prints general help on stdout with exit 0', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/^Usage: apppass <command>/);
    expect(t.err).toEqual([]);
  });

  it('with --json puts only a JSON error on stdout', async () => {
    const t = io();
    expect(await runCli(['nope', '--json'], t.io)).toBe(2);
    expect(JSON.parse(t.out.join(''))).toEqual({
      error: { code: 'usage', message: expect.any(String) },
    });
  });

  it('does not take the value of --config for the command name', async () => {
    const t = io();
    expect(await runCli(['--config', 'list', 'rotate', '--help'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/^Usage: apppass rotate/);
  });
});
