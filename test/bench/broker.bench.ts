// npm run bench:broker — what the broker adds over calling mailcow (the emulator) directly, and
// how many authenticated list calls per second it serves: the built package (npm run
// build:broker) in processes of its own, directly and through real nginx with the documented
// snippet (deploy/nginx/site.apppass.custom), one and two instances, with and without Redis.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { redisWriteState } from '../../broker/limits/redis-state.js';
import { memoryWriteState, type WriteState } from '../../broker/limits/write-state.js';
import { startDockerDns, type DockerDns } from '../harness/docker-dns.js';
import { startIdp } from '../harness/idp.js';
import { startMailcowEmulator } from '../harness/mailcow-emulator.js';
import { adapt, mailcowServerBlock, startNginx, type Nginx } from '../harness/nginx.js';
import { freePort } from '../harness/ports.js';
import { benchEnv } from '../harness/processes.js';
import { startRedis } from '../harness/redis.js';
import { spawnBroker, type BrokerProcess } from '../integration/deploy/broker-process.js';
import { brokerEnv } from '../harness/broker-bench.js';

const SAMPLES = 1500;
const STATE_SAMPLES = 1000;
const THROUGHPUT_MS = 3000;
const CONCURRENCY = 16;

const agent = new Agent({ connections: 64, headersTimeout: 10_000, bodyTimeout: 10_000 });

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

interface Row {
  label: string;
  p50: number;
  p99: number;
  rate: number;
}

async function measure(label: string, list: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < 300; i++) await list(); // warm up (JWKS, JIT, sockets, DNS)
  const t: number[] = [];
  for (let i = 0; i < SAMPLES; i++) t.push(await time(list));
  t.sort((x, y) => x - y);
  const rate = await throughput(list);
  return { label, p50: percentile(t, 50), p99: percentile(t, 99), rate };
}

/**
 * What a create spends on its coordination (rate limit, lock, journal, sealed result), without
 * mailcow: the emulator holds every write's answer until the passdb file's mtime second has
 * passed (Dovecot reloads by mtime), so a create through it takes about a second whatever the
 * broker does.
 */
async function stateCost(state: WriteState): Promise<{ p50: number; p99: number }> {
  const result = {
    id: 1,
    name: 'bench',
    protocols: ['imap_access' as const],
    active: true,
    created: new Date().toISOString(),
    modified: null,
    password: 'x'.repeat(32),
  };
  const once = (i: number) =>
    state.withMailboxLock('alice@example.test', async (held) => {
      await state.takeWrite('alice-sub');
      const ref = { sub: 'alice-sub', key: `k${i}`, fingerprint: 'f' };
      await state.replay(ref);
      const intent = await state.openIntent('alice@example.test', {
        name: 'bench',
        before: [1, 2],
      });
      held();
      await state.commit('alice@example.test', intent, ref, result);
    });
  for (let i = 0; i < 100; i++) await once(i);
  const t: number[] = [];
  for (let i = 0; i < STATE_SAMPLES; i++) t.push(await time(() => once(i + 100)));
  t.sort((x, y) => x - y);
  return { p50: percentile(t, 50), p99: percentile(t, 99) };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'apppass-bench-'));
  const pkg = join(dir, 'broker-package');
  await promisify(execFile)(process.execPath, ['scripts/build-broker.mjs'], {
    env: { ...process.env, APPPASS_BROKER_OUT: pkg },
  });
  const idp = await startIdp({ accessTokenTtl: 3600 });
  const mailcow = await startMailcowProcess();
  const redis = await startRedis();
  const dns: DockerDns = await startDockerDns();
  const port = await freePort();
  const hosts = ['127.0.0.2', '127.0.0.3'];
  const snippet = await readFile('deploy/nginx/site.apppass.custom', 'utf8');
  const nginx: Nginx = await startNginx(async (listen, d) => {
    await writeFile(
      join(d, 'site.apppass.custom'),
      adapt(snippet, [
        ['resolver 127.0.0.11 ', `resolver ${dns.address} `],
        ['apppass-mailcow:8787', `apppass-mailcow:${port}`],
      ]),
    );
    // nginx in front of mailcow itself, to tell nginx's share from the broker's
    const mailcowProxy = `location ^~ /api/ { proxy_pass ${mailcow.url}; }`;
    await writeFile(join(d, 'site.mailcow.custom'), mailcowProxy);
    return mailcowServerBlock(listen, join(d, 'site.*.custom'));
  });
  let running: BrokerProcess[] = [];
  const start = async (count: number, redisUrl: string | null) => {
    await Promise.all(running.map((b) => b.stop()));
    running = await Promise.all(
      hosts.slice(0, count).map((h) =>
        spawnBroker(
          {
            ...brokerEnv(idp, mailcow, join(dir, `audit-${h}.log`)),
            APPPASS_LISTEN: `${h}:${port}`,
            APPPASS_WRITES_PER_MINUTE: '10000',
            APPPASS_MAX_PER_MAILBOX: '1000',
            APPPASS_MAILCOW_TIMEOUT_MS: '10000',
            ...(redisUrl ? { APPPASS_REDIS_URL: redisUrl } : {}),
          },
          ['main.js'],
          pkg,
        ),
      ),
    );
    dns.set('apppass-mailcow', hosts.slice(0, count));
    // nginx caches the previous answer for valid=10s: wait until the new set is served
    await new Promise((r) => setTimeout(r, 10_500));
  };
  const rows: Row[] = [];
  let costs: Record<'memory' | 'redis', { p50: number; p99: number }> | undefined;
  try {
    const token = (await idp.signIn(idp.users.alice)).access_token;
    const auth = { Authorization: `Bearer ${token}` };
    const listPath = '/api/v1/get/app-passwd/all/alice%40example.test';
    const key = { 'X-API-Key': mailcow.rwKey };
    const lists = (base: string) => () => get(`${base}/v1/app-passwords`, auth);
    await start(1, null);
    for (const name of ['laptop', 'phone', 'tablet']) {
      await request(`${running[0]?.url}/v1/app-passwords`, {
        method: 'POST',
        dispatcher: agent,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name, protocols: ['imap_access', 'smtp_access'] }),
      }).then((r) => r.body.dump());
    }
    const viaNginx = `${nginx.url}/apppass`;
    rows.push(await measure('mailcow direct', () => get(`${mailcow.url}${listPath}`, key)));
    rows.push(await measure('nginx -> mailcow', () => get(`${nginx.url}${listPath}`, key)));
    const one = running[0]?.url as string;
    rows.push(await measure('broker direct, memory', lists(one)));
    rows.push(await measure('nginx -> 1 broker, memory', lists(viaNginx)));
    await start(2, null);
    rows.push(await measure('nginx -> 2 brokers, memory', lists(viaNginx)));
    await start(1, redis.url);
    const oneRedis = running[0]?.url as string;
    rows.push(await measure('broker direct, Redis', lists(oneRedis)));
    rows.push(await measure('nginx -> 1 broker, Redis', lists(viaNginx)));
    await start(2, redis.url);
    rows.push(await measure('nginx -> 2 brokers, Redis', lists(viaNginx)));
    const memory = memoryWriteState(10_000);
    const shared = redisWriteState({
      url: redis.url,
      secret: mailcow.rwKey,
      writesPerMinute: 10_000,
      log: () => undefined,
    });
    costs = { memory: await stateCost(memory), redis: await stateCost(shared) };
    await shared.close();
  } finally {
    await Promise.all(running.map((b) => b.stop()));
    await nginx.stop();
    await agent.close();
    await Promise.all([redis.stop(), dns.stop(), mailcow.stop(), idp.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
  const base = rows[0] as Row;
  const f = (n: number) => n.toFixed(3);
  console.log(
    `broker bench: authenticated lists of 3 app passwords; ${SAMPLES} sequential samples, then ${CONCURRENCY} concurrent for ${THROUGHPUT_MS} ms; brokers = the built package in processes of their own, emulator in its own`,
  );
  console.log('| path | p50 ms | p99 ms | added p50 ms | added p99 ms | lists/s | vs direct |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.p50 - base.p50)} | ${f(r.p99 - base.p99)} | ${r.rate.toFixed(0)} | ${(r.rate / base.rate).toFixed(2)} |`,
    );
  }
  if (costs) {
    console.log(
      `create coordination (lock, rate limit, journal, sealed result; ${STATE_SAMPLES} sequential): memory p50 ${f(costs.memory.p50)} ms p99 ${f(costs.memory.p99)} ms; Redis p50 ${f(costs.redis.p50)} ms p99 ${f(costs.redis.p99)} ms`,
    );
  }
  console.log(
    'goals: broker direct lists/s >= 0.5 x mailcow direct; added p50 (broker direct) < 1 ms',
  );
}

if (process.argv.includes(CHILD_FLAG)) await serveMailcow();
else await main();
