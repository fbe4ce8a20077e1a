import { noteText } from '../../main/cli/render/notes.js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectIssuer } from '../../main/core/auth/issuer.js';
import { createBrokerClient } from '../../main/core/broker/client.js';
import { runDoctor } from '../../main/core/diagnostics/doctor.js';
import type { ProbeTarget } from '../../main/core/diagnostics/probe.js';
import { discover } from '../../main/core/discovery/discover.js';
import { createCa, issueCert } from '../harness/ca.js';
import { startHostileHttp } from '../harness/hostile-http.js';
import { startHostileServer, type Flood } from '../harness/hostile-mail.js';

// `npm run bench:hostile`: each hostile-server case in a fresh process (so one case's
// garbage does not count against the next): peak RSS of that process, wall time, and what
// the reader said, beside the --timeout the run was given.

const TIMEOUT_MS = 10_000;
const env = { APPPASS_INSECURE_HTTP: '1' };

const MAIL: Array<[Flood, ProbeTarget['service'], ProbeTarget['security']]> = [
  ['imap-untagged', 'imap', 'none'],
  ['imap-endless-line', 'imap', 'none'],
  ['pop3-capa', 'pop3', 'none'],
  ['pop3-capa', 'pop3', 'tls'],
  ['smtp-ehlo', 'smtp', 'none'],
  ['smtp-ehlo', 'smtp', 'tls'],
  ['sieve-caps', 'sieve', 'none'],
];
const HTTP = ['config', 'well-known+autoconfig', 'broker', 'idp'] as const;
const CASES = [
  'baseline', // the same process with every module loaded, no server
  ...MAIL.map(([f, s, sec]) => `mail:${f}:${s}:${sec}`),
  ...HTTP.flatMap((h) => [`http:${h}:chunked`, `http:${h}:content-length`]),
];

async function mailCase(
  kind: Flood,
  service: ProbeTarget['service'],
  security: ProbeTarget['security'],
) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-hostile-'));
  const ca = await createCa(join(dir, 'ca'));
  const cert = await issueCert(ca, { commonName: 'localhost', altNames: ['DNS:localhost'] });
  const tls =
    security === 'tls' ? { key: await readFile(cert.keyFile), cert: cert.certPem } : undefined;
  const server = await startHostileServer(kind, tls);
  const start = performance.now();
  const r = await runDoctor({
    target: 'alice@example.test',
    endpoints: [{ service, host: 'localhost', port: server.port, security }],
    ca: [ca.certPem],
    timeoutMs: TIMEOUT_MS,
  });
  const wall = performance.now() - start;
  const sent = server.sent();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
  return { wall, sent, said: `${r.checks[0]?.verdict}: ${r.checks[0]?.detail ?? ''}` };
}

async function httpCase(reader: (typeof HTTP)[number], declared: boolean) {
  const server = await startHostileHttp();
  const base = `${server.base}${declared ? '/huge' : ''}`;
  const start = performance.now();
  let said = '';
  const why = (e: unknown) => (said = (e as Error).message);
  if (reader === 'config') {
    await discover('alice@example.test', {
      config: `${base}/cfg`,
      env,
      timeoutMs: TIMEOUT_MS,
    }).catch(why);
  } else if (reader === 'well-known+autoconfig') {
    const r = await discover('alice@example.test', {
      env,
      timeoutMs: TIMEOUT_MS,
      systemFiles: [],
      baseUrlFor: (host) => `${base}/${host}`,
      resolver: { resolveSrv: async () => [], resolveMx: async () => [] },
    });
    said = r.sources.map((s) => `${s.source}: ${noteText(s.note)}`).join('; ');
  } else if (reader === 'broker') {
    const broker = createBrokerClient({
      baseUrl: base,
      tokens: { getAccessToken: async () => 't' },
      env,
      timeoutMs: TIMEOUT_MS,
    });
    await broker.me().catch(why);
  } else {
    await connectIssuer({ issuer: `${base}/idp`, clientId: 'apppass-desktop', env }).catch(why);
  }
  const wall = performance.now() - start;
  const sent = server.sent();
  await server.stop();
  return { wall, sent, said };
}

async function runOne(name: string): Promise<void> {
  const [kind, a, b, c] = name.split(':') as [string, string, string, string];
  const r =
    kind === 'baseline'
      ? { wall: 0, sent: 0, said: 'nothing run' }
      : kind === 'mail'
        ? await mailCase(a as Flood, b as ProbeTarget['service'], c as ProbeTarget['security'])
        : await httpCase(a as (typeof HTTP)[number], b === 'content-length');
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ...r, peakRss }));
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only) return runOne(only);
  const run = promisify(execFile);
  const MB = 1024 * 1024;
  console.log(
    `hostile servers on 127.0.0.1, each case in its own process, timeout ${TIMEOUT_MS} ms`,
  );
  console.log('case'.padEnd(44), 'peak RSS', '  wall', '  server sent', '  verdict / message');
  for (const name of CASES) {
    const { stdout } = await run(
      process.execPath,
      [...process.execArgv, process.argv[1] ?? '', name],
      {
        maxBuffer: 1 << 20,
      },
    );
    const r = JSON.parse(stdout) as { wall: number; sent: number; said: string; peakRss: number };
    console.log(
      name.padEnd(44),
      `${(r.peakRss / MB).toFixed(0).padStart(5)} MB`,
      `${r.wall.toFixed(0).padStart(5)} ms`,
      `${(r.sent / 1024).toFixed(0).padStart(8)} KiB`,
      ` ${r.said.slice(0, 90)}`,
    );
  }
}

await main();
