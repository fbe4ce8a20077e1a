// npm run build:broker: the folder works on its own, copied anywhere, with plain node.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailcowEmulator, type MailcowEmulator } from '../../harness/mailcow-emulator.js';
import { freePort } from '../../harness/ports.js';
import { spawnBroker } from './broker-process.js';

const run = promisify(execFile);

let mailcow: MailcowEmulator;
let dir: string;

beforeAll(async () => {
  mailcow = await startMailcowEmulator();
  const out = join(await mkdtemp(join(tmpdir(), 'apppass-build-')), 'out');
  await run(process.execPath, ['scripts/build-broker.mjs'], {
    env: { ...process.env, APPPASS_BROKER_OUT: out },
  });
  dir = join(await mkdtemp(join(tmpdir(), 'apppass-package-')), 'apppass-broker');
  await cp(out, dir, { recursive: true });
  await run(
    'npm',
    ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'],
    {
      cwd: dir,
    },
  );
}, 120_000);
afterAll(async () => {
  await mailcow?.stop();
});

describe('the broker package', () => {
  it('holds only the bundle, its manifest and lock: no node_modules, no app code', async () => {
    expect((await readdir(dir)).sort()).toEqual([
      'THIRD_PARTY.json',
      'healthcheck.js',
      'main.js',
      'main.js.LEGAL.txt',
      'package-lock.json',
      'package.json',
    ]);
    const bundled = Object.keys(
      JSON.parse(await readFile(join(dir, 'THIRD_PARTY.json'), 'utf8')) as object,
    );
    expect(bundled).toEqual(expect.arrayContaining(['ioredis', 'jose', 'undici', 'zod']));
    for (const appOnly of ['react', 'react-dom', 'electron', '@napi-rs/keyring', 'imapflow'])
      expect(bundled).not.toContain(appOnly);
  });

  it('starts with plain node outside the repository, answers /healthz, and its HEALTHCHECK agrees', async () => {
    const port = await freePort();
    const env = {
      APPPASS_LISTEN: `127.0.0.1:${port}`,
      APPPASS_PUBLIC_URL: 'http://127.0.0.1/apppass',
      APPPASS_MAILCOW_URL: mailcow.url,
      APPPASS_MAILCOW_API_KEY: mailcow.rwKey,
      APPPASS_ISSUER: 'http://127.0.0.1:9/issuer',
      APPPASS_CLIENT_ID: 'apppass-desktop',
      APPPASS_INSECURE_HTTP: '1',
    };
    const broker = await spawnBroker(env, ['main.js'], dir);
    try {
      const res = await fetch(`${broker.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      const health = await run(process.execPath, ['healthcheck.js'], { cwd: dir, env });
      expect(health.stdout).toBe('healthz: 200\n');
    } finally {
      await broker.stop();
    }
    expect(await broker.exited).toBe(0);
    const down = await run(process.execPath, ['healthcheck.js'], { cwd: dir, env }).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    expect(down).toBe(1);
  });
});
