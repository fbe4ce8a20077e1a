import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../../../../main/core/discovery/discover.js';
import { createHttpFetch } from '../../../../../main/core/net/http.js';
import { createCa, issueCert, type Ca } from '../../../../harness/ca.js';
import { startProxy, type TestProxy } from './proxy.js';
import { wordedThrow } from '../../../../harness/worded.js';

// A name with no DNS entry here: only the proxy (which maps every name to 127.0.0.1) reaches it.
const HOST = 'mail.apppass.test';
const document = {
  issuer: 'https://auth.apppass.test/',
  client_id: 'apppass-desktop',
  scopes: ['openid'],
  broker: 'https://mail.apppass.test/apppass',
  protocols: ['imap_access'],
  mail: {},
};

let dir: string;
let ca: Ca;
let server: Server;
let port: number;
let proxy: TestProxy;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apppass-net-'));
  ca = await createCa(join(dir, 'ca'));
  const leaf = await issueCert(ca, {
    commonName: HOST,
    altNames: [`DNS:${HOST}`, 'DNS:apppass.test', 'DNS:autoconfig.apppass.test', 'IP:127.0.0.1'],
  });
  server = createServer(
    { cert: await readFile(leaf.certFile), key: await readFile(leaf.keyFile) },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  proxy = await startProxy();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await proxy.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('createHttpFetch', () => {
  it('trusts the CA named by NODE_EXTRA_CA_CERTS in the given environment', async () => {
    const url = `https://127.0.0.1:${port}/`;
    await expect(createHttpFetch({ env: {} })(url)).rejects.toThrow();
    const res = await createHttpFetch({ env: { NODE_EXTRA_CA_CERTS: ca.certFile } })(url);
    expect(await res.json()).toEqual(document);
  });

  it('goes through HTTPS_PROXY, and around it for NO_PROXY hosts', async () => {
    const env = { NODE_EXTRA_CA_CERTS: ca.certFile, HTTPS_PROXY: proxy.url };
    const res = await createHttpFetch({ env })(`https://${HOST}:${port}/`);
    expect(res.status).toBe(200);
    expect(proxy.tunnels).toEqual([`${HOST}:${port}`]);
    const direct = createHttpFetch({ env: { ...env, NO_PROXY: '127.0.0.1' } });
    expect((await direct(`https://127.0.0.1:${port}/`)).status).toBe(200);
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('refuses an unreadable NODE_EXTRA_CA_CERTS with a clear message', () => {
    expect(
      wordedThrow(() => createHttpFetch({ env: { NODE_EXTRA_CA_CERTS: join(dir, 'nope.pem') } })),
    ).toThrow(/NODE_EXTRA_CA_CERTS points at .* which cannot be read/);
  });

  it('gives up after its timeout', async () => {
    const hang = createServer({}, () => undefined);
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const { port: hangPort } = hang.address() as AddressInfo;
    // A TLS server without a certificate never completes the handshake our client waits for.
    await expect(
      createHttpFetch({ env: {}, timeoutMs: 200 })(`https://127.0.0.1:${hangPort}/`),
    ).rejects.toThrow();
    hang.closeAllConnections();
    await new Promise((r) => hang.close(r));
  });
});

describe('discover over https through a proxy', () => {
  it('finds the document at https://<domain>/.well-known via the corporate proxy and CA', async () => {
    const env = { NODE_EXTRA_CA_CERTS: ca.certFile, HTTPS_PROXY: proxy.url };
    const r = await discover('bob@apppass.test', {
      env,
      systemFiles: [],
      baseUrlFor: (host) => `https://${host}:${port}`,
      resolver: {
        resolveSrv: () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })),
        resolveMx: () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })),
      } as never,
    });
    expect(r.profile).toEqual(document);
    expect(proxy.tunnels).toContain(`apppass.test:${port}`);
  });
});
