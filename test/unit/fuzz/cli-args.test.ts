import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main.js';
import { assertBounded, CANARY } from './settings.js';

// The command's argument handling: any argv for commands that stop before the network (a
// fresh data directory, so each is signed out before any keychain or network is asked; no
// valid protocol list, so create stops at its arguments) ends in an exit code with one clear
// line, never a crash or a stack trace.

const COMMANDS = ['list', 'create', 'rotate', 'revoke', 'frobnicate', '--help', '-h'];
const TOKENS = [
  '--json',
  '--name',
  '--protocols',
  'imap,nope',
  'smtp,,x',
  '--no-store',
  '--show',
  '--all',
  '--yes',
  '--config',
  '12',
  '-1',
  '999999999999',
  '--',
  '--help',
  '--name=x',
  '--no-json',
];
const token = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 30 }),
  fc.constant(CANARY),
);
const argv = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(token, { maxLength: 8 }))
  .map(([c, rest]) => [c, ...rest]);

let dataDir: string;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    env: { APPPASS_DATA_DIR: dataDir },
    stdin: Readable.from([]),
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  });
  return { code, out, err };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apppass-fuzz-cli-'));
  // Each command's module loads on first use: load them before the cases are timed.
  for (const c of COMMANDS) await run([c, '--help']);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('fuzz: the command line', () => {
  it('any arguments end in an exit code and a clear message', async () => {
    await assertBounded(
      fc.asyncProperty(argv, async (args) => {
        const { code, out, err } = await run(args);
        expect([0, 1, 2, 3]).toContain(code);
        expect(/^\s+at .+[:(].*\d+/m.test(out + err)).toBe(false);
        if (code !== 0) expect(err.length).toBeGreaterThan(0);
        if (code !== 0 && args.includes('--json'))
          expect(() => JSON.parse(out) as unknown).not.toThrow();
      }),
    );
  });
});
