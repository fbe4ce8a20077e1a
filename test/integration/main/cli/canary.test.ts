import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignInState } from '../../../../main/core/auth/index.js';
import { createVault } from '../../../../main/core/vault/index.js';
import {
  apppass,
  login,
  newDataDir,
  startCliBench,
  type CliBench,
  type CliRun,
} from './fixture.js';

// The canary scan: every secret that enters AppPass somewhere (the user's password given to the
// check, app passwords, refresh and access tokens, the broker's mailcow API key) is planted or
// caught, a whole session runs through the real command, and then every log, report, audit
// record, error message and file under the data directory is searched for each of them.

const MAILBOX = 'alice@example.test';
const CHECK_PASSWORD = 'Canary-Check-Pw-4b1d9e';
let cb: CliBench;
let dataDir: string;
const vault = createVault();
/** What a person or a ticket would see: everything printed, except the one --show answer. */
const seen: string[] = [];
const secrets = new Map<string, string>();

const record = (r: CliRun) => {
  seen.push(r.stdout, r.stderr);
  return r;
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'latin1')),
  );
}

beforeAll(async () => {
  cb = await startCliBench();
  dataDir = await newDataDir();
  secrets.set('the broker’s mailcow API key', cb.bench.mailcow.rwKey);
  secrets.set('the user’s password given to the check', CHECK_PASSWORD);
  record(await login(cb, cb.bench.idp.users.alice, { dataDir }));
  const state = await readSignInState(dataDir);
  const token = state && (await vault.readRefreshToken(state.issuer, state.sub));
  if (token) secrets.set('the refresh token at sign-in', token);

  // The one answer that shows a secret on purpose (--show) is kept out of the scan.
  const created = await apppass(
    cb,
    ['create', '--name', 'Canary phone', '--protocols', 'imap,smtp', '--show', '--json'],
    { dataDir },
  );
  seen.push(created.stderr);
  const fresh = JSON.parse(created.stdout) as { id: number; password: string };
  secrets.set('the app password created', fresh.password);

  record(await apppass(cb, ['list', '--json'], { dataDir }));
  record(await apppass(cb, ['rotate', String(fresh.id), '--yes', '--json'], { dataDir }));
  for (const e of JSON.parse(record(await apppass(cb, ['list', '--json'], { dataDir })).stdout)
    .appPasswords as { id: number }[]) {
    const pass = await vault.readAppPassword(MAILBOX, e.id);
    if (pass) secrets.set(`the app password ${e.id} (rotated)`, pass);
  }
  const later = state && (await vault.readRefreshToken(state.issuer, state.sub));
  if (later) secrets.set('the refresh token after refreshes', later);
  // The check with a wrong password (one failed login), as JSON and as Markdown for a ticket.
  for (const format of ['--json', '--markdown']) {
    record(
      await apppass(
        cb,
        [
          'doctor',
          MAILBOX,
          '--config',
          cb.configFile,
          '--password-stdin',
          format,
          '--timeout',
          '8000',
        ],
        { dataDir, stdin: `${CHECK_PASSWORD}\n` },
      ),
    );
  }
  record(await apppass(cb, ['revoke', '999999', '--json'], { dataDir })); // an error message
  record(await apppass(cb, ['logout', '--json'], { dataDir }));
}, 180_000);
afterAll(async () => {
  await cb?.stop();
});

describe('canary scan', () => {
  it('caught every kind of secret it plants', () => {
    expect([...secrets.keys()].length).toBeGreaterThanOrEqual(6);
  });

  it('finds no secret in any output, log, audit record or data file', async () => {
    const places: Record<string, string[]> = {
      'what the command printed': seen,
      'the broker’s log': cb.bench.logs,
      'the broker’s audit records': [await readFile(cb.bench.auditFile, 'utf8').catch(() => '')],
      'files under the data directory': await filesUnder(dataDir),
    };
    const leaks: string[] = [];
    for (const [place, texts] of Object.entries(places)) {
      for (const [what, secret] of secrets) {
        if (texts.some((t) => t.includes(secret))) leaks.push(`${what} in ${place}`);
      }
      // Access tokens are JWTs here: none may appear anywhere either.
      if (texts.some((t) => /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./.test(t)))
        leaks.push(`a JWT (access or ID token) in ${place}`);
    }
    expect(leaks).toEqual([]);
  });
});
