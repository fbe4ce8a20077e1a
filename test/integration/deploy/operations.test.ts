// Operations around a running broker: Prometheus metrics on their own listener, and mailcow
// behind a certificate of the admin's own CA (SKIP_LETS_ENCRYPT=y), served by real nginx.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../broker/config.js';
import { startBroker } from '../../../broker/server.js';
import { createCa, issueCert } from '../../harness/ca.js';
import { startNginx, type Nginx } from '../../harness/nginx.js';
import { freePort } from '../../harness/ports.js';
import { startBench, type Bench } from '../../harness/broker-bench.js';

describe('GET /metrics (APPPASS_METRICS_LISTEN)', () => {
  let bench: Bench;
  beforeAll(async () => {
    bench = await startBench({ env: { APPPASS_METRICS_LISTEN: '127.0.0.1:0' } });
  });
  afterAll(async () => {
    await bench?.stop();
  });

  it('counts requests by route and status, token failures, mailcow calls and writes', async () => {
    const token = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
    expect((await bench.call('/apppass/v1/app-passwords', { token })).status).toBe(200);
    const created = await bench.call('/apppass/v1/app-passwords', {
      method: 'POST',
      token,
      body: { name: 'metrics', protocols: ['imap_access'] },
    });
    expect(created.status).toBe(201);
    expect((await bench.call('/apppass/v1/me', { token: 'not-a-token' })).status).toBe(401);
    const url = bench.broker.metricsUrl as string;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^apppass_http_requests_total\{route="list",status="200"\} 1$/m);
    expect(text).toMatch(/^apppass_http_requests_total\{route="create",status="201"\} 1$/m);
    expect(text).toMatch(
      /^apppass_token_verification_failures_total\{reason="invalid_token"\} 1$/m,
    );
    expect(text).toMatch(/^apppass_app_password_writes_total\{action="create",outcome="ok"\} 1$/m);
    expect(text).toMatch(
      /^apppass_mailcow_request_duration_seconds_count\{method="POST",outcome="ok"\} 1$/m,
    );
    // never on the broker's own listener, which nginx proxies
    expect((await bench.call('/apppass/metrics')).status).toBe(404);
    expect(text.includes(token)).toBe(false);
  });
});

describe('APPPASS_MAILCOW_CA_FILE: mailcow with a certificate of a private CA', () => {
  let bench: Bench;
  let tls: Nginx;
  let httpsPort: number;
  let caFile: string;

  beforeAll(async () => {
    bench = await startBench();
    const dir = await mkdtemp(join(tmpdir(), 'apppass-mailcow-tls-'));
    const ca = await createCa(join(dir, 'ca'));
    caFile = ca.certFile;
    const cert = await issueCert(ca, { commonName: '127.0.0.1', altNames: ['IP:127.0.0.1'] });
    httpsPort = await freePort();
    // mailcow's nginx on another HTTPS_PORT in front of the mailcow API (the emulator)
    tls = await startNginx(
      (listen) => `
      server { listen ${listen}; location / { return 200 "up\\n"; } }
      server {
        listen 127.0.0.1:${httpsPort} ssl;
        ssl_certificate ${cert.certFile};
        ssl_certificate_key ${cert.keyFile};
        location / { proxy_pass ${bench.mailcow.url}; }
      }`,
    );
  });
  afterAll(async () => {
    await tls?.stop();
    await bench?.stop();
  });

  async function health(extra: Record<string, string>): Promise<number> {
    const broker = await startBroker(
      loadConfig({
        ...bench.env,
        APPPASS_MAILCOW_URL: `https://127.0.0.1:${httpsPort}`,
        ...extra,
      }),
      { log: () => undefined },
    );
    try {
      return (await fetch(`${broker.url}/healthz`)).status;
    } finally {
      await broker.close();
    }
  }

  it('is refused without the CA file and trusted with it', async () => {
    expect(await health({})).toBe(503);
    expect(await health({ APPPASS_MAILCOW_CA_FILE: caFile })).toBe(200);
  });
});
