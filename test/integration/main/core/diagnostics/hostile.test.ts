import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../../../../../main/core/diagnostics/probe.js';
import { createCa, issueCert, type Ca } from '../../../../harness/ca.js';
import { startHostileServer, type Flood } from '../../../../harness/hostile-mail.js';
import { doctor, only } from './helpers.js';

// Servers that flood the checker: every reader must stop at its byte or line budget with
// protocol_error, long before the run's deadline, holding little memory (RSS and wall time
// of each case: npm run bench:hostile).

let dir: string;
let ca: Ca;
let tls: { key: Buffer; cert: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-hostile-'));
  ca = await createCa(join(dir, 'ca'));
  const cert = await issueCert(ca, { commonName: 'localhost', altNames: ['DNS:localhost'] });
  tls = { key: await readFile(cert.keyFile), cert: cert.certPem };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cases: Array<[Flood, ProbeTarget['service'], ProbeTarget['security']]> = [
  ['imap-untagged', 'imap', 'none'],
  ['imap-endless-line', 'imap', 'none'],
  ['pop3-capa', 'pop3', 'none'],
  ['pop3-capa', 'pop3', 'tls'],
  ['smtp-ehlo', 'smtp', 'none'],
  ['smtp-ehlo', 'smtp', 'tls'], // EHLO read through nodemailer
  ['sieve-caps', 'sieve', 'none'],
];

describe('hostile servers', () => {
  it.each(cases)(
    '%s (%s, %s): protocol_error at the budget, memory bounded',
    async (kind, service, security) => {
      const server = await startHostileServer(kind, security === 'tls' ? tls : undefined);
      let peak = 0;
      const base = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      try {
        const r = await doctor({
          endpoints: [{ service, host: 'localhost', port: server.port, security }],
          ca: [ca.certPem],
          timeoutMs: 4_000,
        });
        expect(only(r).verdict).toBe('protocol_error');
        expect(only(r).detail).toMatch(/more than|over-long/);
        expect(peak - base).toBeLessThan(100 * 1024 * 1024);
      } finally {
        clearInterval(sampler);
        await server.stop();
      }
    },
  );
});
