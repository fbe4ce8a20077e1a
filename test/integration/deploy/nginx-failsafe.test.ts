// deploy/nginx/*: real nginx (Debian) in front of a broker that comes and goes. The mailcow
// side is the stand-in of mailcow's server block (test/harness/nginx.ts), the container name
// is answered by a stand-in of Docker's embedded DNS (test/harness/docker-dns.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../broker/config.js';
import { startBroker, type BrokerHandle } from '../../../broker/server.js';
import { startDockerDns, type DockerDns } from '../../harness/docker-dns.js';
import { startMailcowEmulator, type MailcowEmulator } from '../../harness/mailcow-emulator.js';
import { adapt, mailcowServerBlock, startNginx, type Nginx } from '../../harness/nginx.js';
import { freePort } from '../../harness/ports.js';

const DOCKER_SNIPPET = 'deploy/nginx/site.apppass.custom';
const HOST_SNIPPET = 'deploy/nginx/apppass-host.conf';

let mailcow: MailcowEmulator;
beforeAll(async () => {
  mailcow = await startMailcowEmulator();
});
afterAll(async () => {
  await mailcow.stop();
});

function startBrokerOn(host: string, port: number): Promise<BrokerHandle> {
  const config = loadConfig({
    APPPASS_LISTEN: `${host}:${port}`,
    APPPASS_PUBLIC_URL: 'http://127.0.0.1/apppass',
    APPPASS_MAILCOW_URL: mailcow.url,
    APPPASS_MAILCOW_API_KEY: mailcow.rwKey,
    // never contacted by /healthz
    APPPASS_ISSUER: 'http://127.0.0.1:9/issuer',
    APPPASS_CLIENT_ID: 'apppass-desktop',
    APPPASS_INSECURE_HTTP: '1',
    APPPASS_TRUSTED_PROXIES: '127.0.0.1',
  });
  return startBroker(config, { log: () => undefined });
}

async function get(nginx: Nginx, path: string) {
  const res = await fetch(`${nginx.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

/** Polls until `path` answers `status` (nginx caches a negative DNS answer for `valid=`). */
async function until(nginx: Nginx, path: string, status: number, ms = 15_000) {
  const deadline = Date.now() + ms;
  let last = await get(nginx, path);
  while (last.status !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await get(nginx, path);
  }
  return last;
}

function expectBrokerUnavailable(r: { status: number; type: string | null; body: string }) {
  expect(r.status).toBe(502);
  expect(r.type).toBe('application/problem+json');
  expect(JSON.parse(r.body)).toMatchObject({
    type: 'urn:apppass:problem:broker_unavailable',
    status: 502,
  });
}

async function expectMailcowAnswers(nginx: Nginx) {
  expect(nginx.alive()).toBe(true);
  const ui = await get(nginx, '/');
  expect(ui.status).toBe(200);
  expect(ui.body).toContain('mailcow UI stand-in');
}

describe('deploy/nginx/site.apppass.custom in mailcow-dockerized', () => {
  let dns: DockerDns;
  let nginx: Nginx;
  let port: number;

  beforeAll(async () => {
    dns = await startDockerDns();
    port = await freePort();
    const snippet = await readFile(DOCKER_SNIPPET, 'utf8');
    // The broker container does not exist yet: its name is unknown to Docker's DNS.
    nginx = await startNginx(async (listen, dir) => {
      await writeFile(
        join(dir, 'site.apppass.custom'),
        adapt(snippet, [
          ['resolver 127.0.0.11 ', `resolver ${dns.address} `],
          ['apppass-mailcow:8787', `apppass-mailcow:${port}`],
        ]),
      );
      return mailcowServerBlock(listen, join(dir, 'site.apppass.custom'));
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await dns?.stop();
  });

  it('starts while the broker is absent; mailcow answers, /apppass/ is a 502 problem', async () => {
    await expectMailcowAnswers(nginx);
    expectBrokerUnavailable(await get(nginx, '/apppass/healthz'));
    // regex locations of mailcow (\.php$) do not take the broker's paths
    expectBrokerUnavailable(await get(nginx, '/apppass/x.php'));
    expect(dns.queries()).toBeGreaterThan(0);
  });

  it('reaches the broker once its container runs, and fails safe again when it stops', async () => {
    dns.set('apppass-mailcow', ['127.0.0.1']);
    const broker = await startBrokerOn('127.0.0.1', port);
    try {
      const up = await until(nginx, '/apppass/healthz', 200);
      expect(up.status).toBe(200);
      expect(JSON.parse(up.body)).toEqual({ status: 'ok' });
      const doc = await get(nginx, '/apppass/.well-known/apppass-configuration');
      expect(doc.status).toBe(200);
    } finally {
      await broker.close();
    }
    // the container restarts: its name still resolves, nothing listens
    expectBrokerUnavailable(await get(nginx, '/apppass/healthz'));
    await expectMailcowAnswers(nginx);
    // the container is removed
    dns.set('apppass-mailcow', []);
    expectBrokerUnavailable(await until(nginx, '/apppass/healthz', 502));
    await expectMailcowAnswers(nginx);
  });

  it('refuses bodies over 16 KiB before they reach the broker', async () => {
    const res = await fetch(`${nginx.url}/apppass/v1/app-passwords`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(20_000), protocols: ['imap_access'] }),
    });
    expect(res.status).toBe(413);
    await res.body?.cancel();
  });
});

describe('deploy/nginx/apppass-host.conf on a host nginx', () => {
  let nginx: Nginx;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const snippet = await readFile(HOST_SNIPPET, 'utf8');
    nginx = await startNginx(async (listen, dir) => {
      await writeFile(
        join(dir, 'apppass-host.conf'),
        adapt(snippet, [['127.0.0.1:8787', `127.0.0.1:${port}`]]),
      );
      return mailcowServerBlock(listen, join(dir, 'apppass-host.conf'));
    });
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  it('starts with the broker down, serves it while it runs, and 502s after it stops', async () => {
    await expectMailcowAnswers(nginx);
    expectBrokerUnavailable(await get(nginx, '/apppass/healthz'));
    const broker = await startBrokerOn('127.0.0.1', port);
    try {
      const up = await get(nginx, '/apppass/healthz');
      expect(up.status).toBe(200);
    } finally {
      await broker.close();
    }
    expectBrokerUnavailable(await get(nginx, '/apppass/healthz'));
    await expectMailcowAnswers(nginx);
  });
});
