import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'plist';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryLogin } from '../../../../main/core/diagnostics/login.js';
import { createVault } from '../../../../main/core/vault/index.js';
import {
  apppass,
  hasStackTrace,
  launchChromium,
  login,
  newDataDir,
  startCliBench,
  type CliBench,
} from './fixture.js';

// The `apppass` command as a child process against the real bench: IdP login in Chromium,
// broker in front of the mailcow emulator, the bench keychain, Dovecot for rotation checks.

let cb: CliBench;
let browser: Browser;
let dataDir: string;
const vault = createVault();
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const run = (args: string[], stdin?: string) =>
  apppass(cb, args, { dataDir, ...(stdin ? { stdin } : {}) });

interface Listed {
  id: number;
  name: string;
  storedOnDevice: boolean;
}
const listed = async (): Promise<Listed[]> => {
  const r = await run(['list', '--json']);
  expect(r.code).toBe(0);
  return json(r.stdout).appPasswords as Listed[];
};

beforeAll(async () => {
  cb = await startCliBench();
  browser = await launchChromium();
  dataDir = await newDataDir();
});
afterAll(async () => {
  await browser?.close();
  await cb?.stop();
});

describe('apppass discover', () => {
  it('shows the --config document alone and where it came from, as JSON', async () => {
    const r = await run(['discover', 'bob@example.test', '--config', cb.configFile, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = json(r.stdout);
    expect(result.profile).toEqual(cb.profile);
    expect(result.sources).toEqual([expect.objectContaining({ source: 'config', ok: true })]);
    const human = await run(['discover', 'bob@example.test', '--config', cb.configFile]);
    expect(human.stdout).toContain(`broker: ${cb.profile.broker}`);
  });
});

describe('apppass, signed in through the real IdP', () => {
  let bob: string;
  let storedId: number;

  it('login -> create -> list end to end (timed for the report)', async () => {
    bob = cb.bench.idp.users.bob.email;
    const t0 = performance.now();
    const signedIn = await login(cb, cb.bench.idp.users.bob, { dataDir, browser, json: true });
    const t1 = performance.now();
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(json(signedIn.stdout)).toMatchObject({ signedIn: true, mailbox: bob });
    const created = await run([
      'create',
      '--name',
      'Thunderbird',
      '--protocols',
      'imap,smtp',
      '--json',
    ]);
    const t2 = performance.now();
    expect(created.code, created.stderr).toBe(0);
    const list = await listed();
    const t3 = performance.now();
    console.info(
      `[e2e-flow] login ${Math.round(t1 - t0)} ms, create ${Math.round(t2 - t1)} ms, list ${Math.round(t3 - t2)} ms, total ${Math.round(t3 - t0)} ms`,
    );
    const c = json(created.stdout);
    expect(c).toMatchObject({
      name: 'Thunderbird',
      protocols: ['imap_access', 'smtp_access'],
      storedOnDevice: true,
    });
    expect(c).not.toHaveProperty('password');
    storedId = c.id as number;
    expect(list).toEqual([expect.objectContaining({ id: storedId, storedOnDevice: true })]);
    expect(existsSync(join(dataDir, 'session.json'))).toBe(true);
  });

  it('stored the new password in the keychain, where it logs in to IMAP', async () => {
    const secret = await vault.readAppPassword(bob, storedId);
    expect(secret).toBeTruthy();
    const imap = cb.profile.mail.imap;
    if (!imap || !secret) throw new Error('no IMAP endpoint or secret');
    const r = await tryLogin('imap', imap, { user: bob, pass: secret }, { ca: [cb.dovecot.caPem] });
    expect(r.verdict).toBe('ok');
  });

  it('prints the password only with --show, and then it is the stored one', async () => {
    const r = await run(['create', '--name', 'Phone', '--protocols', 'imap', '--show', '--json']);
    expect(r.code).toBe(0);
    const c = json(r.stdout);
    expect(typeof c.password).toBe('string');
    // compared as a boolean: a failing toBe would print both passwords
    expect((await vault.readAppPassword(bob, c.id as number)) === c.password).toBe(true);
    const human = await run(['create', '--name', 'Tablet', '--protocols', 'imap']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^Created app password \d+ "Tablet" \(imap\), stored in the keychain\.\n$/,
    );
  });

  it('--no-store shows the password once with a warning and marks it not stored', async () => {
    const r = await run([
      'create',
      '--name',
      'Elsewhere',
      '--protocols',
      'smtp',
      '--no-store',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const c = json(r.stdout);
    expect(typeof c.password).toBe('string');
    expect(c.storedOnDevice).toBe(false);
    expect(r.stderr).toMatch(/shown once/);
    expect(await vault.readAppPassword(bob, c.id as number)).toBeNull();
    const entry = (await listed()).find((p) => p.id === c.id);
    expect(entry?.storedOnDevice).toBe(false);
    const human = await run(['list']);
    expect(human.stdout).toMatch(new RegExp(`^\\* ${storedId}\\s+Thunderbird`, 'm'));
    expect(human.stdout).toMatch(new RegExp(`^  ${String(c.id)}\\s+Elsewhere`, 'm'));
  });

  it('--mobileconfig writes an Apple Mail / iOS profile; the password only with --mobileconfig-password', async () => {
    const file = join(dataDir, 'mail.mobileconfig');
    const r = await run([
      'create',
      '--name',
      'iPhone',
      '--protocols',
      'imap,smtp',
      '--mobileconfig',
      file,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /Apple Mail \/ iOS profile written to .*mail\.mobileconfig \(Apple asks for the password on install\)/,
    );
    const profile = parse(await readFile(file, 'utf8')) as {
      PayloadContent: Record<string, unknown>[];
    };
    expect(profile.PayloadContent[0]).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAddress: bob,
      IncomingMailServerHostName: cb.profile.mail.imap?.host,
      IncomingMailServerPortNumber: cb.profile.mail.imap?.port,
      OutgoingMailServerHostName: cb.profile.mail.smtp?.host,
      OutgoingMailServerPortNumber: cb.profile.mail.smtp?.port,
    });
    expect(profile.PayloadContent[0]).not.toHaveProperty('IncomingPassword');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const withPassword = await run([
      'create',
      '--name',
      'iPad',
      '--protocols',
      'imap,smtp',
      '--mobileconfig',
      file,
      '--mobileconfig-password',
      '--json',
    ]);
    expect(withPassword.code, withPassword.stderr).toBe(0);
    const c = json(withPassword.stdout);
    expect(c.mobileconfig).toBe(file);
    const again = parse(await readFile(file, 'utf8')) as {
      PayloadContent: Record<string, unknown>[];
    };
    const secret = await vault.readAppPassword(bob, c.id as number);
    expect(secret !== null && again.PayloadContent[0]?.IncomingPassword === secret).toBe(true);

    const alone = await run([
      'create',
      '--name',
      'x',
      '--protocols',
      'imap',
      '--mobileconfig-password',
    ]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--mobileconfig-password needs --mobileconfig/);
  });

  it('rotates with --yes: new password verified and stored, old one revoked and forgotten', async () => {
    const r = await run(['rotate', String(storedId), '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = json(r.stdout);
    expect(result).toMatchObject({ status: 'completed', oldId: storedId });
    expect(result.checks).toEqual([
      expect.objectContaining({ service: 'imap', verdict: 'ok' }),
      expect.objectContaining({ service: 'smtp', verdict: 'ok' }),
    ]);
    const newId = result.newId as number;
    const list = await listed();
    expect(list.map((p) => p.id)).not.toContain(storedId);
    expect(list.find((p) => p.id === newId)).toMatchObject({
      name: 'Thunderbird',
      storedOnDevice: true,
    });
    expect(await vault.readAppPassword(bob, storedId)).toBeNull();
    storedId = newId;
  });

  it('asks before revoking; "no" pauses the rotation, a later "yes" finishes it', async () => {
    const paused = await run(['rotate', String(storedId)], 'n\n');
    expect(paused.code).toBe(1);
    expect(paused.stderr).toMatch(/Is your mail client updated/);
    expect(paused.stdout).toMatch(/stays active until you run `apppass rotate \d+` again/);
    expect((await listed()).filter((p) => p.name === 'Thunderbird')).toHaveLength(2);
    const done = await run(['rotate', String(storedId)], 'y\n');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(
      /revoked\. A revoked password may keep working for up to 5 minutes/,
    );
    const left = (await listed()).filter((p) => p.name === 'Thunderbird');
    expect(left).toEqual([expect.objectContaining({ storedOnDevice: true })]);
    storedId = left[0]?.id ?? -1;
  });

  it('revokes, removes from the keychain and says a revoke takes up to 5 minutes', async () => {
    const r = await run(['revoke', String(storedId)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/up to 5 minutes/);
    expect(await vault.readAppPassword(bob, storedId)).toBeNull();
    const missing = await run(['revoke', '999999', '--json']);
    expect(missing.code).toBe(1);
    expect(json(missing.stdout)).toMatchObject({ revoked: [{ id: 999999, revoked: false }] });
    const all = await run(['revoke', '--all', '--json']);
    expect(all.code).toBe(0);
    expect(await listed()).toEqual([]);
  });

  it('maps a mailcow outage behind the broker to a clear message, exit 1, no stack trace', async () => {
    cb.bench.mailcow.setFault({ kind: 'html' });
    try {
      const r = await run(['list']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^apppass: The mail server's API did not answer the broker/m);
      expect(hasStackTrace(r.stderr)).toBe(false);
    } finally {
      cb.bench.mailcow.setFault(null);
    }
  });

  it('logs out (revoking the refresh token); afterwards commands exit 3', async () => {
    const r = await run(['logout', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toEqual({
      signedOut: true,
      wasSignedIn: true,
      revoked: true,
      revocation: 'revoked',
    });
    const after = await run(['list', '--json']);
    expect(after.code).toBe(3);
    expect(json(after.stdout)).toEqual({
      error: { code: 'not_signed_in', message: expect.stringMatching(/apppass login/) },
    });
  });
});
