import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCert, type Ca } from '../../../../harness/ca.js';
import { startDovecot, type Dovecot } from '../../../../harness/dovecot.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
} from '../../../../harness/mailcow-emulator.js';
import { freePort } from '../../../../harness/ports.js';
import { doctor, dovecotEndpoints, only, verdicts } from './helpers.js';

// Everything before the login, against real Dovecot: one case per verdict.

let emu: MailcowEmulator;
let good: Dovecot;
let ca: Ca;
let dir: string;
const started: Dovecot[] = [];

async function dovecotWith(o: Omit<Parameters<typeof startDovecot>[0], 'passdbDir'>) {
  const d = await startDovecot({ passdbDir: emu.passdbDir, ...o });
  started.push(d);
  return d;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-ca-'));
  ca = await createCa(join(dir, 'ca'), 'Doctor Test CA');
  emu = await startMailcowEmulator();
  good = await dovecotWith({});
});

afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
  await emu?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('doctor before the login', () => {
  it('finds every port of a good server ok, with TLS facts', async () => {
    const r = await doctor({ endpoints: dovecotEndpoints(good), ca: [good.caPem] });
    expect(verdicts(r)).toEqual(Array(7).fill('ok'));
    const imaps = r.checks[0];
    expect(imaps?.tls).toMatchObject({
      certSubject: 'localhost',
      trusted: true,
      hostnameMatch: true,
    });
    expect(imaps?.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(imaps?.tls?.daysLeft).toBeGreaterThan(300);
    expect(r.checks[1]?.steps.map((s) => s.name)).toEqual([
      'dns',
      'tcp',
      'greeting',
      'capabilities',
      'starttls',
      'tls',
      'capabilities',
    ]);
  });

  it('trusts a CA named by NODE_EXTRA_CA_CERTS', async () => {
    const file = join(dir, 'extra.pem');
    await writeFile(file, good.caPem);
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = file;
    try {
      const r = await doctor({ endpoints: dovecotEndpoints(good).slice(0, 1) });
      expect(only(r).verdict).toBe('ok');
    } finally {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    }
  });

  it('says tls_cert_untrusted when the CA is unknown', async () => {
    const r = await doctor({ endpoints: dovecotEndpoints(good).slice(0, 2) });
    expect(verdicts(r)).toEqual(['tls_cert_untrusted', 'tls_cert_untrusted']);
    expect(r.checks[0]?.hint).toMatch(/AppPass Test CA|does not trust/);
  });

  it('says tls_cert_expired for an expired certificate', async () => {
    const cert = await issueCert(ca, {
      commonName: 'localhost',
      altNames: ['DNS:localhost'],
      expired: true,
    });
    const d = await dovecotWith({ cert });
    const r = await doctor({ endpoints: dovecotEndpoints(d).slice(0, 1), ca: [ca.certPem] });
    expect(only(r).verdict).toBe('tls_cert_expired');
    expect(only(r).tls?.daysLeft).toBeLessThan(0);
  });

  it('says tls_cert_hostname_mismatch for a certificate of another name', async () => {
    const cert = await issueCert(ca, {
      commonName: 'mx.other.test',
      altNames: ['DNS:mx.other.test'],
    });
    const d = await dovecotWith({ cert });
    const r = await doctor({ endpoints: dovecotEndpoints(d).slice(0, 2), ca: [ca.certPem] });
    expect(verdicts(r)).toEqual(['tls_cert_hostname_mismatch', 'tls_cert_hostname_mismatch']);
    expect(r.checks[0]?.hint).toContain('mx.other.test');
  });

  it('says starttls_unavailable on every plain port when STARTTLS is off', async () => {
    const d = await dovecotWith({ starttls: false });
    const plain = dovecotEndpoints(d).filter((e) => e.security === 'starttls');
    const r = await doctor({ endpoints: plain, ca: [d.caPem] });
    expect(verdicts(r)).toEqual(Array(plain.length).fill('starttls_unavailable'));
  });

  it('says tls_handshake_failed when implicit TLS meets a plaintext port', async () => {
    const r = await doctor({
      endpoints: [{ service: 'imap', host: 'localhost', port: good.ports.imap, security: 'tls' }],
      ca: [good.caPem],
    });
    expect(only(r).verdict).toBe('tls_handshake_failed');
    expect(only(r).hint).toContain('STARTTLS');
  });

  it('says protocol_error when the port speaks another protocol', async () => {
    const r = await doctor({
      endpoints: [{ service: 'smtp', host: 'localhost', port: good.ports.imaps, security: 'tls' }],
      ca: [good.caPem],
    });
    expect(only(r).verdict).toBe('protocol_error');
  });

  it('says tcp_refused for a closed port', async () => {
    const port = await freePort();
    const r = await doctor({
      endpoints: [{ service: 'imap', host: '127.0.0.1', port, security: 'tls' }],
    });
    expect(only(r).verdict).toBe('tcp_refused');
  });

  it('says dns_not_found for a name that does not resolve', async () => {
    const r = await doctor({
      endpoints: [{ service: 'imap', host: 'nonexistent.invalid', port: 993, security: 'tls' }],
    });
    expect(only(r).verdict).toBe('dns_not_found');
    expect(only(r).steps).toEqual([expect.objectContaining({ name: 'dns', ok: false })]);
  });

  it('says timeout (greeting) for a port that accepts and never greets, within the run bound', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const r = await doctor({
        endpoints: [{ service: 'imap', host: '127.0.0.1', port, security: 'starttls' }],
        timeoutMs: 1_500,
      });
      expect(only(r).verdict).toBe('timeout');
      expect(only(r).hint).toContain('never sends a IMAP greeting');
    } finally {
      silent.close();
    }
  });
});
