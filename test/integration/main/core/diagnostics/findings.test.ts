import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../../../../../main/core/diagnostics/probe.js';
import { allOk } from '../../../../../main/core/diagnostics/report.js';
import type { AutoconfigFinding, ClockFinding } from '../../../../../protocol/report.js';
import { createCa, issueCert, type Ca } from '../../../../harness/ca.js';
import { startDovecot, type Dovecot } from '../../../../harness/dovecot.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
} from '../../../../harness/mailcow-emulator.js';
import { freePort } from '../../../../harness/ports.js';
import { doctor, dovecotEndpoints } from './helpers.js';

// The optional findings against a real HTTPS server (test CA) for autoconfig and `Date`, and
// real Dovecot for what answers.

let dir: string;
let ca: Ca;
let emu: MailcowEmulator;
let dovecot: Dovecot;
let https: Server;
let base: string;
/** What the HTTPS server answers: the autoconfig XML (null: 404), how far its clock is off, or silence. */
const web = { xml: null as string | null, offsetMs: 0, silent: false };

type Advertised = { type: string; host: string; port: number; socket: string };

function autoconfigXml(incoming: Advertised[], outgoing: Advertised[]): string {
  const s = (tag: string, a: Advertised) =>
    `<${tag} type="${a.type}"><hostname>${a.host}</hostname><port>${a.port}</port><socketType>${a.socket}</socketType></${tag}>`;
  return `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="example.test">${incoming
    .map((a) => s('incomingServer', a))
    .join(
      '',
    )}${outgoing.map((a) => s('outgoingServer', a)).join('')}</emailProvider></clientConfig>`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-findings-'));
  ca = await createCa(join(dir, 'ca'), 'Findings Test CA');
  const leaf = await issueCert(ca, { commonName: '127.0.0.1', altNames: ['IP:127.0.0.1'] });
  https = createServer(
    { cert: await readFile(leaf.certFile), key: await readFile(leaf.keyFile) },
    (req, res) => {
      if (web.silent) return;
      res.setHeader('Date', new Date(Date.now() + web.offsetMs).toUTCString());
      const isAutoconfig = req.url?.startsWith('/mail/config-v1.1.xml?emailaddress=');
      if (isAutoconfig && web.xml) res.writeHead(200, { 'content-type': 'application/xml' });
      else res.writeHead(404);
      res.end(isAutoconfig && web.xml ? web.xml : 'not found');
    },
  );
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  emu = await startMailcowEmulator();
  dovecot = await startDovecot({ passdbDir: emu.passdbDir });
});

afterAll(async () => {
  https?.closeAllConnections();
  await new Promise((r) => https?.close(r));
  await dovecot?.stop();
  await emu?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function run(
  endpoints: ProbeTarget[],
  baseUrlFor: (host: string) => string = () => base,
  timeoutMs = 20_000,
) {
  const r = await doctor({
    endpoints,
    ca: [dovecot.caPem],
    env: { NODE_EXTRA_CA_CERTS: ca.certFile },
    timeoutMs,
    findings: { baseUrlFor },
  });
  const [autoconfig, clock] = r.findings ?? [];
  return { r, autoconfig: autoconfig as AutoconfigFinding, clock: clock as ClockFinding };
}

const imaps = (): Advertised => ({
  type: 'imap',
  host: 'localhost',
  port: dovecot.ports.imaps,
  socket: 'SSL',
});
const smtps = (): Advertised => ({
  type: 'smtp',
  host: 'localhost',
  port: dovecot.ports.submissions,
  socket: 'SSL',
});

describe('doctor findings', () => {
  it('finds what autoconfig advertises answering and the clock in step', async () => {
    Object.assign(web, { xml: autoconfigXml([imaps()], [smtps()]), offsetMs: 0, silent: false });
    const { r, autoconfig, clock } = await run(dovecotEndpoints(dovecot));
    expect(autoconfig).toMatchObject({ verdict: 'ok', hint: null });
    expect(autoconfig.url).toBe(`${base}/mail/config-v1.1.xml`);
    expect(autoconfig.servers.map((s) => [s.service, s.checkId, s.answers])).toEqual([
      ['imap', `imap:${dovecot.ports.imaps}`, true],
      ['smtp', `smtp:${dovecot.ports.submissions}`, true],
    ]);
    expect(clock).toMatchObject({ verdict: 'ok', source: 'autoconfig.example.test', hint: null });
    expect(Math.abs(clock.skewSeconds ?? 99)).toBeLessThanOrEqual(2);
    expect(allOk(r)).toBe(true);
  });

  it('says when autoconfig advertises a STARTTLS port that does not answer, and fails the run', async () => {
    const closed = await freePort();
    const advertised = { type: 'imap', host: 'localhost', port: closed, socket: 'STARTTLS' };
    Object.assign(web, { xml: autoconfigXml([advertised], [smtps()]), offsetMs: 0 });
    const endpoints: ProbeTarget[] = [
      { service: 'imap', host: 'localhost', port: closed, security: 'starttls' },
      ...dovecotEndpoints(dovecot).filter((e) => e.service === 'smtp'),
    ];
    const { r, autoconfig } = await run(endpoints);
    expect(autoconfig.verdict).toBe('not_answering');
    expect(autoconfig.hint).toBe(
      `autoconfig advertises IMAP on localhost port ${closed} STARTTLS but it does not answer as advertised (tcp_refused); Thunderbird's automatic setup will fail.`,
    );
    expect(allOk(r)).toBe(false);
  });

  it('names an advertised server the checks did not cover, without failing the run', async () => {
    const other = { type: 'imap', host: 'other.example.test', port: 993, socket: 'SSL' };
    Object.assign(web, { xml: autoconfigXml([other], [smtps()]), offsetMs: 0 });
    const { r, autoconfig } = await run(dovecotEndpoints(dovecot));
    expect(autoconfig.verdict).toBe('differs');
    expect(autoconfig.hint).toMatch(
      /IMAP on other\.example\.test port 993 SSL, which is not among/,
    );
    expect(allOk(r)).toBe(true);
  });

  it('finds a server clock 10 minutes ahead from the Date of a 404', async () => {
    Object.assign(web, { xml: null, offsetMs: 600_000 });
    const { r, autoconfig, clock } = await run(dovecotEndpoints(dovecot));
    expect(autoconfig).toMatchObject({ verdict: 'unavailable', detail: 'HTTP 404' });
    expect(clock.verdict).toBe('skewed');
    expect(clock.skewSeconds).toBeGreaterThanOrEqual(-602);
    expect(clock.skewSeconds).toBeLessThanOrEqual(-598);
    expect(clock.hint).toMatch(/clock is 10 minutes behind autoconfig\.example\.test's; .*NTP/);
    expect(r.checks.every((c) => c.verdict === 'ok')).toBe(true);
    expect(allOk(r)).toBe(false);
  });

  it("falls back to the mail host's HTTPS for the clock when autoconfig does not answer", async () => {
    Object.assign(web, { xml: null, offsetMs: -600_000 });
    const closed = `https://127.0.0.1:${await freePort()}`;
    const mapped = (host: string) => (host.startsWith('autoconfig.') ? closed : base);
    const { autoconfig, clock } = await run(dovecotEndpoints(dovecot), mapped);
    expect(autoconfig.verdict).toBe('unavailable');
    expect(autoconfig.detail).toMatch(/cannot connect \(ECONNREFUSED\)/);
    expect(clock).toMatchObject({ verdict: 'skewed', source: 'localhost' });
    expect(clock.hint).toMatch(/10 minutes ahead of localhost's/);
  });

  it('ends within the run timeout when the web server never answers', async () => {
    web.silent = true;
    const { r } = await run(dovecotEndpoints(dovecot).slice(0, 1), () => base, 2_000).finally(
      () => (web.silent = false),
    );
    expect(r.checks[0]?.verdict).toBe('ok');
    expect(r.findings?.map((f) => [f.verdict, f.detail])).toEqual([
      ['unavailable', 'no answer before the run deadline'],
      ['unknown', 'neither autoconfig nor https://localhost answered'],
    ]);
  }, 15_000);
});
