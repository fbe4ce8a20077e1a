import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryLogin } from '../../../../../main/core/diagnostics/login.js';
import type { DiscoveryDocument } from '../../../../../protocol/discovery.js';
import { createVault } from '../../../../../main/core/vault/index.js';
import { startDovecot, type Dovecot } from '../../../../harness/dovecot.js';
import {
  REAL_IDP_PROFILES,
  type IdpOptions,
  type IdpProfileName,
} from '../../../../harness/idp.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
} from '../../../../harness/mailcow-emulator.js';
import { discoveryDocumentFor, startBench } from '../../../../harness/broker-bench.js';
import {
  apppass,
  launchChromium,
  login,
  newDataDir,
  type CliBench,
} from '../../../main/cli/fixture.js';
import { guideRow } from './admin-guide.js';
import { guideEnvFor } from './fixture.js';

/**
 * Per IdP profile, through the real parts: `apppass login` completed in Chromium on the
 * profile's login page, the broker configured as docs/admin.md says, `apppass create`, an IMAP
 * login at Dovecot with the new password, an unverified user, and `apppass logout`.
 */
let mailcow: MailcowEmulator;
let dovecot: Dovecot;
let browser: Browser;
const vault = createVault();
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

beforeAll(async () => {
  mailcow = await startMailcowEmulator();
  await mailcow.addMailbox({ username: 'dana@example.test', name: 'Dana' });
  dovecot = await startDovecot({ passdbDir: mailcow.passdbDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await dovecot?.stop();
  await mailcow?.stop();
});

/** A CLI bench for one profile; the app reads its sign-in fields from the broker's document. */
async function profileCliBench(profile: IdpProfileName, idp: IdpOptions = {}): Promise<CliBench> {
  const bench = await startBench({
    idp: { accessTokenTtl: 3600, ...idp, profile },
    sharedMailcow: mailcow,
    envFor: guideEnvFor(profile),
  });
  const published = (await (
    await bench.call('/.well-known/apppass-configuration')
  ).json()) as DiscoveryDocument;
  const host = dovecot.host;
  const doc: DiscoveryDocument = {
    ...discoveryDocumentFor(bench, ['imap_access', 'smtp_access'], {
      imap: { host, port: dovecot.ports.imaps, security: 'tls' },
      smtp: { host, port: dovecot.ports.submissions, security: 'tls' },
    }),
    ...(published.audience ? { audience: published.audience } : {}),
    ...(published.resource ? { resource: published.resource } : {}),
    ...(published.prompt_consent !== undefined ? { prompt_consent: published.prompt_consent } : {}),
  };
  const configFile = join(await mkdtemp(join(tmpdir(), 'apppass-profile-cli-')), 'apppass.json');
  await writeFile(configFile, JSON.stringify(doc));
  return { bench, dovecot, profile: doc, configFile, stop: () => bench.stop() };
}

describe.each(REAL_IDP_PROFILES)('profile %s', (profile) => {
  let cb: CliBench;
  let dataDir: string;
  const run = (args: string[]) => apppass(cb, args, { dataDir });

  beforeAll(async () => {
    cb = await profileCliBench(profile);
    dataDir = await newDataDir();
  });
  afterAll(async () => cb?.stop());

  it('signs in in Chromium, the first access token is accepted, create works on a refreshed one, Dovecot takes the password', async () => {
    const idp = cb.bench.idp;
    const signedIn = await login(cb, idp.users.alice, { dataDir, browser, json: true });
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(json(signedIn.stdout)).toMatchObject({ signedIn: true, mailbox: 'alice@example.test' });
    // login asked the broker with the first access token; no refresh was needed for it
    expect(idp.grants).toEqual({ authorization_code: 1, refresh_token: 0 });

    // what the app asked for, and what the user saw, as the guide says
    const [asked] = idp.authorizationRequests;
    expect(asked?.get('prompt')).toBeNull();
    expect(asked?.get('audience') ?? undefined).toBe(cb.profile.audience);
    const sawConsent = guideRow(profile).userSees.includes('consent');
    expect(idp.pagesShown).toEqual(sawConsent ? ['login', 'consent'] : ['login']);

    // a new process: the session is restored with the refresh token from the keychain
    const created = await run([
      'create',
      '--name',
      `Thunderbird ${profile}`,
      '--protocols',
      'imap,smtp',
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(idp.grants.refresh_token).toBeGreaterThanOrEqual(1);
    const id = json(created.stdout).id as number;
    const secret = await vault.readAppPassword('alice@example.test', id);
    const imap = cb.profile.mail.imap;
    if (!secret || !imap) throw new Error('no stored password or IMAP endpoint');
    const r = await tryLogin(
      'imap',
      imap,
      { user: 'alice@example.test', pass: secret },
      { ca: [dovecot.caPem] },
    );
    expect(r.verdict).toBe('ok');
  });

  it('signs out and says what the IdP did with the refresh token', async () => {
    const r = await run(['logout', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ signedOut: true, revoked: true, revocation: 'revoked' });
  });

  it('refuses an unverified user with the fix for this IdP', async () => {
    const idp = cb.bench.idp;
    // authentik: seed 000's user federated from mailcow (mallory is refused in tokens.test.ts)
    const users = profile === 'authentik' ? [idp.users.federated] : [idp.users.mallory];
    for (const user of users) {
      if (!user) throw new Error('profile user missing');
      // the login pages over plain HTTP: Chromium's part was shown above
      const r = await login(cb, user, { dataDir: await newDataDir() });
      if (profile.startsWith('authelia')) {
        // Authelia's email_verified is hard-coded true: nothing to fix, she is let in
        expect(r.code, r.stderr).toBe(0);
        continue;
      }
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        profile === 'authentik'
          ? /email scope mapping that returns email_verified .* through mailcow arrive unverified/
          : /switch on "Email verified" for your user in Keycloak/,
      );
    }
  });
});

describe('authentik before 2025.2 (public clients cannot revoke)', () => {
  it('says plainly that the IdP kept the refresh token', async () => {
    const cb = await profileCliBench('authentik', { legacyRevocation: true });
    try {
      const dataDir = await newDataDir();
      const signedIn = await login(cb, cb.bench.idp.users.alice, { dataDir, browser });
      expect(signedIn.code, signedIn.stderr).toBe(0);
      const human = await apppass(cb, ['logout'], { dataDir });
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(
        /^Signed out on this device, but the identity provider kept the refresh token \(it refused to revoke it: invalid_client\); it stays valid until it expires\./,
      );
    } finally {
      await cb.stop();
    }
  });
});
