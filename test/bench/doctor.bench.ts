import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDoctor } from '../../main/core/diagnostics/doctor.js';
import type { ProbeTarget } from '../../main/core/diagnostics/probe.js';
import type { DoctorReport } from '../../protocol/report.js';
import { startDovecot, type Dovecot } from '../harness/dovecot.js';
import { startMailcowEmulator } from '../harness/mailcow-emulator.js';
import { addAppPassword, ALICE } from '../integration/main/core/diagnostics/helpers.js';
import { spawnLatencyProxies } from './latency-proxy.js';

// `npm run bench:doctor`: the doctor against real Dovecot behind a latency proxy at several
// RTTs, beside (a) the lower bound and (b) the same checks made one after another with curl;
// then the built `apppass doctor` as a whole process (Node start, module loading, the checks)
// through the same proxy, and against a closed port. Build first (npm run build:node).

const PASS = 'Bench-doctor-pass-1';
const RTTS = [0, 50, 200];
const PROCESS_RTTS = [0, 100, 200];
const BIN = join(import.meta.dirname, '../../dist/main/cli/bin.js');
/** The checks of the process runs: one port per service, as a discovery document lists them. */
const PROCESS_CHECKS = ['imap tls', 'smtp tls', 'pop3 tls', 'sieve starttls'];
const RUNS = 3;

// Round trips from the first byte to the AUTH reply with TLS 1.3 (diagnostics-notes §4.1),
// without the TCP handshake, which the userspace proxy cannot delay (so neither side pays it).
// A server that speaks first on a fresh connection costs half a round trip (its greeting
// travels one way); after an implicit-TLS handshake the greeting follows the client's Finished
// (TLS + greeting = 2).
const ROUND_TRIPS: Record<string, number> = {
  'imap tls': 3, // TLS + greeting (with capabilities) 2, AUTHENTICATE PLAIN (SASL-IR) 1
  'imap starttls': 4.5, // greeting 0.5, STARTTLS, TLS, CAPABILITY, AUTHENTICATE
  'smtp tls': 4, // TLS + greeting 2, EHLO, AUTH PLAIN
  'smtp starttls': 5.5, // greeting 0.5, EHLO, STARTTLS, TLS, EHLO, AUTH PLAIN
  'pop3 tls': 4, // TLS + greeting 2, CAPA, AUTH PLAIN
  'pop3 starttls': 5.5, // greeting 0.5, CAPA, STLS, TLS, CAPA, AUTH PLAIN
  'sieve starttls': 4.5, // greeting (= capabilities) 0.5, STARTTLS, TLS + pushed capabilities 2, AUTHENTICATE
};
const SLOWEST = Math.max(...Object.values(ROUND_TRIPS));
const PROCESS_SLOWEST = Math.max(...PROCESS_CHECKS.map((k) => ROUND_TRIPS[k] ?? 0));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const stepMs = (r: DoctorReport, name: string) =>
  r.checks.flatMap((c) => c.steps.filter((s) => s.name === name).map((s) => s.ms));

type Mapped = { target: ProbeTarget; upstream: number };

function targetsOf(d: Dovecot): Mapped[] {
  const p = d.ports;
  const list: Array<[ProbeTarget['service'], number, ProbeTarget['security']]> = [
    ['imap', p.imaps, 'tls'],
    ['imap', p.imap, 'starttls'],
    ['smtp', p.submissions, 'tls'],
    ['smtp', p.submission, 'starttls'],
    ['pop3', p.pop3s, 'tls'],
    ['pop3', p.pop3, 'starttls'],
    ['sieve', p.sieve, 'starttls'],
  ];
  return list.map(([service, port, security]) => ({
    target: { service, host: 'localhost', port, security },
    upstream: port,
  }));
}

async function proxied(targets: Mapped[], rtt: number) {
  const proxy = await spawnLatencyProxies(
    targets.map((t) => t.upstream),
    rtt,
  );
  const endpoints = targets.map((t, i) => ({ ...t.target, port: proxy.ports[i] ?? 0 }));
  return { endpoints, stop: proxy.stop };
}

async function doctorRun(endpoints: ProbeTarget[], ca: string): Promise<DoctorReport> {
  const r = await runDoctor({
    target: ALICE,
    endpoints,
    credentials: { user: ALICE, pass: PASS },
    timeoutMs: 30_000,
    ca: [ca],
  });
  const bad = r.checks.filter((c) => c.verdict !== 'ok');
  if (bad.length)
    throw new Error(`doctor run not ok: ${bad.map((c) => `${c.id} ${c.verdict}`).join(', ')}`);
  return r;
}

function curlArgs(t: ProbeTarget, caFile: string): string[] {
  const scheme = { imap: 'imap', smtp: 'smtp', pop3: 'pop3', sieve: '' }[t.service];
  const url = `${scheme}${t.security === 'tls' ? 's' : ''}://localhost:${t.port}/`;
  const tail = t.service === 'pop3' ? [] : ['-X', 'NOOP'];
  return [
    '-sS',
    '-v',
    '--max-time',
    '30',
    '--cacert',
    caFile,
    '-u',
    `${ALICE}:${PASS}`,
    url,
    ...tail,
  ].concat(t.security === 'starttls' ? ['--ssl-reqd'] : []);
}

/** One curl login; ok when the server accepted AUTH (Dovecot's submission may refuse what follows). */
function curlOnce(args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('curl', args, (_err, _out, stderr) =>
      resolve(/^< (\+OK Logged in|235 |[A-Z0-9]+ OK .*Logged in)/m.test(stderr)),
    );
  });
}

/** The same checks one after another; curl has no ManageSieve, so that one is left out. */
async function curlSequential(endpoints: ProbeTarget[], caFile: string): Promise<number> {
  const start = performance.now();
  for (const t of endpoints.filter((e) => e.service !== 'sieve')) {
    if (!(await curlOnce(curlArgs(t, caFile))))
      throw new Error(`curl login failed on ${t.service} ${t.security}`);
  }
  return performance.now() - start;
}

/** A discovery document naming these endpoints, for `--config` (nothing else is asked). */
function configFor(endpoints: ProbeTarget[]): string {
  const mail = Object.fromEntries(
    endpoints.map((e) => [e.service, { host: '127.0.0.1', port: e.port, security: e.security }]),
  );
  return JSON.stringify({
    issuer: 'https://auth.example.test/',
    client_id: 'apppass-desktop',
    scopes: ['openid', 'email'],
    broker: 'https://mail.example.test/apppass',
    protocols: ['imap_access', 'smtp_access', 'pop3_access', 'sieve_access'],
    mail,
  });
}

/** One `apppass doctor` process, wall time from spawn to exit; the exit code must be `ok`. */
function doctorProcess(config: string, caFile: string, ok: number): Promise<number> {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, 'doctor', ALICE, '--config', config, '--password-stdin', '--json'],
    { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end(`${PASS}\n`);
  return new Promise((resolve, reject) => {
    child.once('close', (code) =>
      code === ok
        ? resolve(performance.now() - start)
        : reject(new Error(`apppass doctor exited ${code}: ${err.slice(-300)}`)),
    );
  });
}

async function processRuns(
  targets: Mapped[],
  dir: string,
  caFile: string,
  dnsMs: number,
  authMs: number,
) {
  const chosen = targets.filter((t) =>
    PROCESS_CHECKS.includes(`${t.target.service} ${t.target.security}`),
  );
  console.log('\nbuilt `apppass doctor` as a process (Node start included), 4 checks, one login:');
  console.log('| RTT ms | process ms (median of 3) | lower bound ms | process / bound |');
  console.log('|---|---|---|---|');
  for (const rtt of PROCESS_RTTS) {
    const p = await proxied(chosen, rtt);
    const config = join(dir, `doctor-${rtt}.json`);
    await writeFile(config, configFor(p.endpoints));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await doctorProcess(config, caFile, 0));
    await p.stop();
    const ms = Math.round(median(times));
    const bound = dnsMs + PROCESS_SLOWEST * rtt + authMs;
    console.log(`| ${rtt} | ${ms} | ${bound} | ${(ms / bound).toFixed(2)} |`);
  }
  const closed = join(dir, 'doctor-closed.json');
  await writeFile(
    closed,
    configFor([{ service: 'imap', host: '127.0.0.1', port: 9, security: 'tls' }]),
  );
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await doctorProcess(closed, caFile, 1));
  console.log(
    `\nagainst a closed port: ${Math.round(median(times))} ms (median of ${RUNS}; goal < 300)`,
  );
}

async function main() {
  const emu = await startMailcowEmulator();
  const dovecot = await startDovecot({ passdbDir: emu.passdbDir });
  const dir = await mkdtemp(join(tmpdir(), 'doctor-bench-'));
  const caFile = join(dir, 'ca.pem');
  try {
    await writeFile(caFile, dovecot.caPem);
    await addAppPassword(emu, PASS, ['imap_access', 'smtp_access', 'pop3_access', 'sieve_access']);
    const targets = targetsOf(dovecot);
    // Warm-up at RTT 0: DNS time and the server's auth time for the bound
    const warm: DoctorReport[] = [];
    const base = await proxied(targets, 0);
    for (let i = 0; i < RUNS + 1; i++) warm.push(await doctorRun(base.endpoints, dovecot.caPem));
    await base.stop();
    const dnsMs = median(warm.slice(1).flatMap((r) => stepMs(r, 'dns')));
    const authMs = median(warm.slice(1).flatMap((r) => stepMs(r, 'auth')));
    console.log('lower bound = DNS + R x slowest check round trips + server auth time');
    console.log(
      `  round trips (TLS 1.3, no TCP handshake: the proxy cannot delay it): ${JSON.stringify(ROUND_TRIPS)}`,
    );
    console.log(
      `  slowest = ${SLOWEST}; DNS = ${dnsMs} ms and auth = ${authMs} ms (medians at RTT 0)\n`,
    );
    console.log(
      '| RTT ms | doctor ms (median of 3) | lower bound ms | doctor / bound | curl sequential ms (6 checks) | curl / doctor |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const rtt of RTTS) {
      const p = await proxied(targets, rtt);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++)
        times.push((await doctorRun(p.endpoints, dovecot.caPem)).durationMs);
      const curlMs = await curlSequential(p.endpoints, caFile);
      await p.stop();
      const doctorMs = median(times);
      const bound = dnsMs + SLOWEST * rtt + authMs;
      console.log(
        `| ${rtt} | ${doctorMs} | ${bound} | ${(doctorMs / bound).toFixed(2)} | ${Math.round(curlMs)} | ${(curlMs / doctorMs).toFixed(1)} |`,
      );
    }
    await processRuns(targets, dir, caFile, dnsMs, authMs);
  } finally {
    await dovecot.stop();
    await emu.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
