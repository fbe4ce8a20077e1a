import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DiscoveryDocument } from '../../../protocol/discovery.js';
import {
  createDesktopApi,
  type DesktopApi,
  type DesktopPlatform,
} from '../../../main/desktop/api.js';
import { createVault, type Vault } from '../../../main/core/vault/index.js';
import { startDovecot, type Dovecot } from '../../harness/dovecot.js';
import type { IdpUser } from '../../harness/idp.js';
import {
  discoveryDocumentFor,
  startBench,
  type Bench,
  type BenchOptions,
} from '../../harness/broker-bench.js';
import { bindPreload, pageEmitter } from './preload-host.js';
import type { RendererServer } from './renderer-server.js';

/** Everything the desktop flow runs against: IdP, broker + emulator, Dovecot, keychain. */
export interface DesktopBench {
  bench: Bench;
  dovecot: Dovecot;
  vault: Vault;
  dataDir: string;
  /** What the app put on the (fake) system clipboard, newest last. */
  clipboard: string[];
  /** The folder the (stand-in) save dialog chooses. */
  saveDir: string;
  /** Files the app saved where the save dialog said, newest last. */
  saved: string[];
  /** Logins in progress in the "system browser"; await them to surface their failures. */
  logins: Promise<void>[];
  /** What the person does with the sign-in page: log in, or walk away (to test cancel). */
  browserAction: 'login' | 'ignore';
  /** Who logs in at the IdP (default alice). */
  loginAs: IdpUser;
  stop(): Promise<void>;
}

function discoveryDocument(bench: Bench, dovecot: Dovecot): DiscoveryDocument {
  const host = dovecot.host;
  return discoveryDocumentFor(
    bench,
    ['imap_access', 'smtp_access', 'pop3_access', 'sieve_access'],
    {
      imap: { host, port: dovecot.ports.imaps, security: 'tls' },
      smtp: { host, port: dovecot.ports.submissions, security: 'tls' },
      pop3: { host, port: dovecot.ports.pop3s, security: 'tls' },
      sieve: { host, port: dovecot.ports.sieve, security: 'starttls' },
    },
  );
}

/** `o`: another IdP profile and the broker variables it needs (default: today's bench). */
/**
 * `o`: another IdP profile and the broker variables it needs (default: today's bench), more
 * broker environment, the broker's clock, and `httpAuth`: Dovecot asks the emulator over HTTP
 * (logins recorded for last use).
 */
export async function startDesktopBench(
  o: Pick<BenchOptions, 'idp' | 'envFor' | 'env' | 'now'> & { httpAuth?: boolean } = {},
): Promise<DesktopBench> {
  const { httpAuth, ...bench0 } = o;
  const bench = await startBench({
    ...bench0,
    env: { APPPASS_PROTOCOLS: 'imap_access,smtp_access,pop3_access,sieve_access', ...o.env },
  });
  const dovecot = await startDovecot(
    httpAuth ? { authUrl: bench.mailcow.authUrl } : { passdbDir: bench.mailcow.passdbDir },
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'apppass-desktop-e2e-'));
  // Where the person saves files (a profile): apart from the app's data folder.
  const saveDir = await mkdtemp(join(tmpdir(), 'apppass-desktop-saved-'));
  return {
    bench,
    dovecot,
    // A keychain service of its own, so parallel test files never share entries.
    vault: createVault({ service: `apppass-e2e-${randomUUID()}` }),
    dataDir,
    clipboard: [],
    saveDir,
    saved: [],
    logins: [],
    browserAction: 'login',
    loginAs: bench.idp.users.alice,
    async stop() {
      await dovecot.stop();
      await bench.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(saveDir, { recursive: true, force: true });
    },
  };
}

/** The person in the system browser: a page of its own, the IdP's login at `url`, closed. */
export async function logInInSystemBrowser(
  browser: Browser,
  bench: Bench,
  url: string,
  user: IdpUser,
): Promise<void> {
  const systemBrowser = await browser.newPage();
  try {
    await bench.idp.completeLoginInBrowser(systemBrowser, url, user);
  } finally {
    await systemBrowser.close();
  }
}

const logIn = (browser: Browser, db: DesktopBench, url: string) =>
  logInInSystemBrowser(browser, db.bench, url, db.loginAs);

/** Writes the bench's discovery document (the file an admin would publish) into the data dir. */
export async function writeDiscoveryFile(db: DesktopBench): Promise<string> {
  const config = join(db.dataDir, 'discovery.json');
  await writeFile(config, JSON.stringify(discoveryDocument(db.bench, db.dovecot)));
  return config;
}

/** The desktop platform on the bench: its data dir, keychain, discovery file, Dovecot's CA. */
export function benchPlatform(
  db: DesktopBench,
  config: string,
  o: Pick<DesktopPlatform, 'emit' | 'openInBrowser' | 'appInfo'>,
): DesktopPlatform {
  return {
    dataDir: db.dataDir,
    vault: db.vault,
    env: { ...process.env, APPPASS_INSECURE_HTTP: '1' },
    discovery: { config },
    ca: [db.dovecot.caPem],
    clipboard: {
      writeText: (text: string) => void db.clipboard.push(text),
      readText: () => db.clipboard.at(-1) ?? '',
    },
    // The save dialog, answered as a person accepting the offered name would.
    chooseSavePath: async (name) => {
      const path = join(db.saveDir, name);
      db.saved.push(path);
      return path;
    },
    ...o,
  };
}

/**
 * Binds the real desktop API to `page` through the built preload. The system browser is a
 * second Chromium page on which the IdP's login and consent are completed as a person would.
 */
export async function bindDesktopApi(
  page: Page,
  browser: Browser,
  db: DesktopBench,
  server: RendererServer,
): Promise<DesktopApi> {
  const api = createDesktopApi(
    benchPlatform(db, await writeDiscoveryFile(db), {
      emit: pageEmitter(page),
      // Like a real opener, hand the URL over and return; the person logs in meanwhile.
      openInBrowser: async (url) => {
        if (db.browserAction === 'login') db.logins.push(logIn(browser, db, url));
      },
    }),
  );
  await bindPreload(page, api, server.url);
  return api;
}
