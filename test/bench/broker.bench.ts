// npm run bench:broker — what the broker adds over calling mailcow (the emulator) directly,
// and how many authenticated list calls per second it serves with a warm key cache.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { loadConfig } from '../../broker/config.js';
import { startBroker } from '../../broker/server.js';
import { startIdp } from '../harness/idp.js';
import { startMailcowEmulator } from '../harness/mailcow-emulator.js';
import { benchEnv } from '../harness/processes.js';
import { brokerEnv } from '../harness/broker-bench.js';

const SAMPLES = 2000;
const THROUGHPUT_MS = 3000;
const CONCURRENCY = 16;

const agent = new Agent({ connections: 64 });

async function get(url: string, headers: Record<string, string>): Promise<number> {
  const res = await request(url, { dispatcher: agent, headers });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
  return res.statusCode;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function throughput(fn: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = Date.now() + THROUGHPUT_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await fn();
        done++;
      }
    }),
  );
  return done / (THROUGHPUT_MS / 1000);
}

const CHILD_FLAG = '--mailcow-child';

/** Child mode: the emulator alone; prints {"url","rwKey"}, stops when stdin closes. */
async function serveMailcow(): Promise<void> {
  const mailcow = await startMailcowEmulator();
  process.stdout.write(`${JSON.stringify({ url: mailcow.url, rwKey: mailcow.rwKey })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void mailcow.stop().then(() => process.exit(0)));
}

/** The emulator in a child process (this file again), so it does not share our event loop. */
async function startMailcowProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, CHILD_FLAG], {
    env: benchEnv(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { url, rwKey } = JSON.parse(line.toString()) as { url: string; rwKey: string };
  return {
    url,
    rwKey,
    stop: async () => {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function main(): Promise<void> {
  const idp = await startIdp({ accessTokenTtl: 3600 });
  const mailcow = await startMailcowProcess();
  const dir = await mkdtemp(join(tmpdir(), 'apppass-bench-'));
  const broker = await startBroker(
    loadConfig({
      ...brokerEnv(idp, mailcow, join(dir, 'audit.log')),
      APPPASS_WRITES_PER_MINUTE: '100',
    }),
    { log: () => undefined },
  );
  try {
    const token = (await idp.signIn(idp.users.alice)).access_token;
    const auth = { Authorization: `Bearer ${token}` };
    for (const name of ['laptop', 'phone', 'tablet']) {
      await request(`${broker.url}/v1/app-passwords`, {
        method: 'POST',
        dispatcher: agent,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name, protocols: ['imap_access', 'smtp_access'] }),
      }).then((r) => r.body.dump());
    }
    const direct = () =>
      get(`${mailcow.url}/api/v1/get/app-passwd/all/alice%40example.test`, {
        'X-API-Key': mailcow.rwKey,
      });
    const viaBroker = () => get(`${broker.url}/v1/app-passwords`, auth);
    for (let i = 0; i < 300; i++) await Promise.all([direct(), viaBroker()]); // warm up (JWKS, JIT, sockets)

    const d: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      d.push(await time(direct));
      b.push(await time(viaBroker));
    }
    d.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    const directRate = await throughput(direct);
    const brokerRate = await throughput(viaBroker);
    const f = (n: number) => n.toFixed(3);
    console.log(
      `broker bench (${SAMPLES} sequential samples each, ${CONCURRENCY} concurrent for ${THROUGHPUT_MS} ms; emulator in its own process)`,
    );
    console.log(
      `  mailcow emulator direct : p50 ${f(percentile(d, 50))} ms  p99 ${f(percentile(d, 99))} ms`,
    );
    console.log(
      `  through the broker      : p50 ${f(percentile(b, 50))} ms  p99 ${f(percentile(b, 99))} ms`,
    );
    console.log(
      `  added by the broker     : p50 ${f(percentile(b, 50) - percentile(d, 50))} ms  p99 ${f(percentile(b, 99) - percentile(d, 99))} ms  (goal: p50 < 2 ms)`,
    );
    console.log(`  throughput direct       : ${directRate.toFixed(0)} lists/s`);
    console.log(
      `  throughput via broker   : ${brokerRate.toFixed(0)} authenticated lists/s  (goal: >= 1000)`,
    );
    console.log(`  JWKS fetches during the run: ${broker.stats().jwksFetches}`);
  } finally {
    await broker.close();
    await agent.close();
    await mailcow.stop();
    await idp.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes(CHILD_FLAG)) await serveMailcow();
else await main();
