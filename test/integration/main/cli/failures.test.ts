import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../harness/ports.js';
import {
  apppass,
  authorizationUrlIn,
  hasStackTrace,
  login,
  newDataDir,
  startCliBench,
  type CliBench,
  type CliRun,
  withSignIn,
} from './fixture.js';
import { tryLogin } from '../../../../main/core/diagnostics/login.js';
import { createVault } from '../../../../main/core/vault/index.js';
import { writeSignInState } from '../../../../main/core/auth/index.js';

// Every expected failure: the right exit code, one clear line on stderr, no stack trace, and
// with --json nothing but a JSON error object on stdout.

let cb: CliBench;
let closedPort: number;
beforeAll(async () => {
  cb = await startCliBench();
  closedPort = await freePort();
});
afterAll(async () => {
  await cb?.stop();
});

function expectClean(r: CliRun, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).not.toMatch(/APPPASS_DEBUG/); // expected failures are not "unexpected"
}

function expectJsonError(r: CliRun, code: number, errorCode: string): void {
  expect(r.code).toBe(code);
  expect(JSON.parse(r.stdout)).toEqual({ error: { code: errorCode, message: expect.any(String) } });
}

async function configWith(change: Record<string, unknown>): Promise<string> {
  const file = join(await newDataDir(), 'config.json');
  await writeFile(file, JSON.stringify({ ...cb.profile, ...change }));
  return file;
}

describe('usage errors exit 2', () => {
  it.each([
    [[], /No command given/],
    [['frob'], /Unknown command "frob"/],
    [['list', '--bogus'], /Unknown option '--bogus'/],
    [['create', '--protocols', 'imap'], /Give a name/],
    [['create', '--name', 'x', '--protocols', 'imap,gopher'], /Unknown protocol "gopher"/],
    [['rotate', 'abc'], /"abc" is not an app password id/],
    [['revoke'], /Give the ids to revoke/],
    [['revoke', '3', '--all'], /not both/],
  ])('apppass %j', async (args, message) => {
    const dataDir = await newDataDir();
    expectClean(await apppass(cb, args, { dataDir }), 2, message);
    expectJsonError(await apppass(cb, [...args, '--json'], { dataDir }), 2, 'usage');
  });

  it('refuses a --config that is not a discovery document', async () => {
    const dataDir = await newDataDir();
    const bad = join(dataDir, 'bad.json');
    await writeFile(bad, '{"issuer": 1}');
    const r = await apppass(cb, ['login', 'bob@example.test', '--config', bad, '--json'], {
      dataDir,
    });
    expectJsonError(r, 2, 'invalid_config');
    expect(r.stderr).toMatch(/invalid discovery document/);
    const shown = await apppass(cb, ['discover', 'bob@example.test', '--config', bad, '--json'], {
      dataDir,
    });
    expectJsonError(shown, 2, 'invalid_config');
  });
});

describe('not signed in / sign-in failures exit 3', () => {
  it.each([
    ['list'],
    ['create', '--name', 'x', '--protocols', 'imap'],
    ['rotate', '1'],
    ['revoke', '1'],
  ])('apppass %s without a sign-in', async (...args) => {
    const r = await apppass(cb, [...args, '--json'], { dataDir: await newDataDir() });
    expectJsonError(r, 3, 'not_signed_in');
    expect(r.stderr).toMatch(/You are not signed in; run `apppass login <email>` first\./);
  });

  it('the IdP being down', async () => {
    const config = await configWith({ issuer: `http://127.0.0.1:${closedPort}` });
    const r = await apppass(cb, ['login', 'bob@example.test', '--no-browser', '--config', config], {
      dataDir: await newDataDir(),
    });
    expectClean(r, 3, /^apppass: .*127\.0\.0\.1:\d+/m);
  });

  it('the IdP being down when a signed-in command needs a fresh access token', async () => {
    const dataDir = await newDataDir();
    const issuer = `http://127.0.0.1:${closedPort}`;
    const sub = `idp-down-${Date.now()}`;
    await writeSignInState(dataDir, {
      issuer,
      clientId: 'apppass-desktop',
      sub,
      email: 'bob@example.test',
      mailbox: 'bob@example.test',
      broker: cb.profile.broker,
      profile: { ...cb.profile, issuer },
      signedInAt: new Date().toISOString(),
    });
    const vault = createVault();
    await vault.storeRefreshToken(issuer, sub, 'refresh-token-of-a-vanished-idp');
    try {
      const r = await apppass(cb, ['list'], { dataDir });
      expectClean(r, 3, /^apppass: .*127\.0\.0\.1:\d+/m);
    } finally {
      await vault.deleteRefreshToken(issuer, sub);
    }
  });

  it('a cancelled sign-in (Ctrl-C while waiting for the browser)', async () => {
    let sent = false;
    const r = await apppass(
      cb,
      ['login', 'bob@example.test', '--no-browser', '--config', cb.configFile],
      {
        dataDir: await newDataDir(),
        onStderr: (text, child) => {
          if (!sent && authorizationUrlIn(text)) {
            sent = true;
            child.kill('SIGINT');
          }
        },
      },
    );
    expectClean(r, 3, /^apppass: Sign-in was cancelled\.$/m);
  });
});

describe('failures of the thing asked exit 1', () => {
  const users = () => cb.bench.idp.users;
  const bench = () => cb.bench;
  const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/apppass-no-bus' };

  it('the broker unreachable after a good sign-in', async () => {
    const config = await configWith({ broker: `http://127.0.0.1:${closedPort}/apppass` });
    const r = await login(cb, users().bob, { dataDir: await newDataDir(), config });
    expectClean(
      r,
      1,
      /^apppass: Cannot reach the broker at 127\.0\.0\.1:\d+; check your network connection\.$/m,
    );
  });

  it('the broker refusing the account (email not verified)', async () => {
    const r = await login(cb, users().mallory, { dataDir: await newDataDir(), json: true });
    expectClean(r, 1, /^apppass: The broker refused to act for this account/m);
    expect(r.stderr).toMatch(/mark your email address as verified at the identity provider/);
    expectJsonError(r, 1, 'email_unverified');
  });

  it('no keychain: login warns; list says so; create refuses unless --show, then shows a working password once', async () => {
    const dataDir = await newDataDir();
    const signedIn = await login(cb, users().bob, { dataDir, env: noBus });
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stderr).toMatch(
      /No keychain is available .* new passwords can only be shown once/,
    );
    expectClean(
      await apppass(cb, ['list'], { dataDir, env: noBus }),
      1,
      /^apppass: No keychain is available/m,
    );
    const before = bench().mailcow.appPasswords(users().bob.email).length;
    const refused = await apppass(cb, ['create', '--name', 'x', '--protocols', 'imap', '--json'], {
      dataDir,
      env: noBus,
    });
    expectJsonError(refused, 1, 'keychain_unavailable');
    expect(refused.stderr).toMatch(/Run again with --show/);
    expect(bench().mailcow.appPasswords(users().bob.email)).toHaveLength(before); // nothing created
    const shown = await withSignIn(
      cb,
      users().bob,
      ['create', '--name', 'once', '--protocols', 'imap', '--show', '--json'],
      {
        dataDir,
        env: noBus,
      },
    );
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toMatch(/shown once below and not stored/);
    const created = JSON.parse(shown.stdout) as { password: string; storedOnDevice: boolean };
    expect(created.storedOnDevice).toBe(false);
    const imap = cb.profile.mail.imap;
    if (!imap) throw new Error('no IMAP endpoint');
    const r = await tryLogin(
      'imap',
      imap,
      { user: users().bob.email, pass: created.password },
      { ca: [cb.dovecot.caPem] },
    );
    expect(r.verdict).toBe('ok');
    const out = await apppass(cb, ['logout', '--json'], { dataDir, env: noBus });
    expect(JSON.parse(out.stdout)).toMatchObject({ signedOut: true, revoked: false });
  });
});
