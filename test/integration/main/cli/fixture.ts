import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { DiscoveryDocument } from '../../../../protocol/discovery.js';
import { launchChromium } from '../../../harness/browser.js';
import { startDovecot, type Dovecot } from '../../../harness/dovecot.js';
import type { IdpUser } from '../../../harness/idp.js';
import { discoveryDocumentFor, startBench, type Bench } from '../../../harness/broker-bench.js';

const BIN = join(import.meta.dirname, '../../../../main/cli/bin.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliBench {
  bench: Bench;
  dovecot: Dovecot;
  profile: DiscoveryDocument;
  /** The discovery document as a file, for `--config`. */
  configFile: string;
  stop(): Promise<void>;
}

export interface CliBenchOptions {
  /** More broker environment. */
  env?: Record<string, string>;
  /** The broker's clock. */
  now?: () => number;
  /** Dovecot asks the emulator over HTTP (logins recorded for last use), not its passwd-files. */
  httpAuth?: boolean;
}

export async function startCliBench(o: CliBenchOptions = {}): Promise<CliBench> {
  const bench = await startBench({
    idp: { accessTokenTtl: 3600 },
    env: { APPPASS_WRITES_PER_MINUTE: '10000', APPPASS_MAX_PER_MAILBOX: '1000', ...o.env },
    ...(o.now ? { now: o.now } : {}),
  });
  const dovecot = await startDovecot(
    o.httpAuth ? { authUrl: bench.mailcow.authUrl } : { passdbDir: bench.mailcow.passdbDir },
  );
  const host = dovecot.host;
  const profile = discoveryDocumentFor(bench, ['imap_access', 'smtp_access'], {
    imap: { host, port: dovecot.ports.imaps, security: 'tls' },
    smtp: { host, port: dovecot.ports.submissions, security: 'tls' },
  });
  const dir = await mkdtemp(join(tmpdir(), 'apppass-cli-'));
  const configFile = join(dir, 'apppass.json');
  await writeFile(configFile, JSON.stringify(profile));
  return {
    bench,
    dovecot,
    profile,
    configFile,
    async stop() {
      await dovecot.stop();
      await bench.stop();
    },
  };
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'apppass-cli-data-'));
}

export interface SpawnOptions {
  dataDir: string;
  env?: Record<string, string>;
  stdin?: string;
  /** Called with each stderr chunk (e.g. to find the sign-in URL). */
  onStderr?: (text: string, child: ChildProcess) => void;
  /** Called once the child is started (e.g. to kill it at a chosen moment). */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Runs the real `apppass` entry point as a child process: from source with tsx, or the built
 * `dist/main/cli/bin.js` when APPPASS_CLI_BIN names it (the bench compares both).
 */
export function apppass(cb: CliBench, args: string[], o: SpawnOptions): Promise<CliRun> {
  const built = process.env.APPPASS_CLI_BIN;
  const entry = built ? [built] : ['--import', 'tsx', BIN];
  const child = spawn(process.execPath, [...entry, ...args], {
    env: {
      ...process.env,
      APPPASS_DATA_DIR: o.dataDir,
      APPPASS_INSECURE_HTTP: '1',
      NODE_EXTRA_CA_CERTS: cb.dovecot.caFile,
      ...o.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  o.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    o.onStderr?.(stderr, child);
  });
  child.stdin?.end(o.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The authorization URL `login --no-browser` printed (any IdP's path), once complete on stderr. */
export function authorizationUrlIn(stderr: string): string | undefined {
  return /^(https?:\/\/\S+\?\S*code_challenge=\S+)\n/m.exec(stderr)?.[1];
}

/**
 * `apppass login <email> --no-browser`: reads the URL from stderr and completes the IdP's real
 * login + consent pages, in Chromium (`browser`) or over plain HTTP then requesting the callback.
 */
export function login(
  cb: CliBench,
  user: IdpUser,
  o: LoginOptions & { json?: boolean; config?: string },
): Promise<CliRun> {
  const args = ['login', user.email, '--no-browser', '--config', o.config ?? cb.configFile];
  return withSignIn(cb, user, [...args, ...(o.json ? ['--json'] : [])], o);
}

export interface LoginOptions {
  dataDir: string;
  browser?: Browser;
  env?: Record<string, string>;
  stdin?: string;
}

/** Runs any command that prints a sign-in URL on stderr, completing that sign-in as `user`. */
export async function withSignIn(
  cb: CliBench,
  user: IdpUser,
  args: string[],
  o: LoginOptions,
): Promise<CliRun> {
  let started = false;
  let completion: Promise<void> = Promise.resolve();
  const result = await apppass(cb, args, {
    dataDir: o.dataDir,
    ...(o.env ? { env: o.env } : {}),
    ...(o.stdin ? { stdin: o.stdin } : {}),
    onStderr: (text) => {
      const url = authorizationUrlIn(text);
      if (!url || started) return;
      started = true;
      completion = complete(cb, user, url, o.browser);
    },
  });
  await completion;
  return result;
}

async function complete(
  cb: CliBench,
  user: IdpUser,
  url: string,
  browser?: Browser,
): Promise<void> {
  if (browser) {
    const page = await browser.newPage();
    try {
      await cb.bench.idp.completeLoginInBrowser(page, url, user);
      await page.waitForLoadState('load');
    } finally {
      await page.close();
    }
    return;
  }
  const callback = await cb.bench.idp.completeLoginHttp(url, user);
  await (await fetch(callback)).text();
}

export { launchChromium };

/** No stack trace lines ("    at fn (file:line)") in what a person sees. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(].*\d+/m.test(text);
}

/** A bench with alice signed in through the real command in a fresh data directory. */
export async function startSignedInCli(): Promise<{ cb: CliBench; dataDir: string }> {
  const cb = await startCliBench();
  const dataDir = await newDataDir();
  const r = await login(cb, cb.bench.idp.users.alice, { dataDir });
  if (r.code !== 0) throw new Error(`login failed (${r.code}): ${r.stderr}`);
  return { cb, dataDir };
}
