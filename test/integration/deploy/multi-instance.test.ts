// Two broker processes sharing one Redis (Debian's redis-server) behind one nginx location
// (deploy/nginx/site.apppass.custom; Docker's DNS stand-in answers both replicas' addresses),
// in front of the mailcow emulator, which counts every add it really performed.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerDns, type DockerDns } from '../../harness/docker-dns.js';
import { startIdp, type Idp } from '../../harness/idp.js';
import { startMailcowEmulator, type MailcowEmulator } from '../../harness/mailcow-emulator.js';
import { adapt, mailcowServerBlock, startNginx, type Nginx } from '../../harness/nginx.js';
import { freePort } from '../../harness/ports.js';
import { startRedis, type RedisServer } from '../../harness/redis.js';
import { brokerEnv } from '../../harness/broker-bench.js';
import { spawnBroker, type BrokerProcess } from './broker-process.js';

interface Created {
  id: number;
  name: string;
  password: string;
}

let idp: Idp;
let mailcow: MailcowEmulator;
let redis: RedisServer;
let dns: DockerDns;
let nginx: Nginx;
let port: number;
let dir: string;
const brokers: BrokerProcess[] = [];
let alice: string;
let bob: string;

const REPLICAS = ['127.0.0.2', '127.0.0.3'];

function envFor(host: string): Record<string, string> {
  return {
    ...brokerEnv(idp, mailcow, join(dir, `audit-${host}.jsonl`)),
    APPPASS_LISTEN: `${host}:${port}`,
    APPPASS_REDIS_URL: redis.url,
    APPPASS_TRUSTED_PROXIES: '127.0.0.1',
    APPPASS_MAX_PER_MAILBOX: '3',
    APPPASS_WRITES_PER_MINUTE: '40',
    APPPASS_MAILCOW_TIMEOUT_MS: '5000',
  };
}

async function startReplica(i: number): Promise<BrokerProcess> {
  const b = await spawnBroker(envFor(REPLICAS[i] as string));
  brokers[i] = b;
  return b;
}

/** Adds mailcow really received. */
const adds = () =>
  mailcow.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/add/app-passwd').length;

function create(base: string, token: string, name: string, key?: string) {
  return fetch(`${base}/v1/app-passwords`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: JSON.stringify({ name, protocols: ['imap_access'] }),
  });
}

const viaNginx = () => `${nginx.url}/apppass`;
const stored = (mailbox: string, name: string) =>
  mailcow.appPasswords(mailbox).filter((p) => p.name === name);

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apppass-multi-'));
  [idp, mailcow, redis, dns] = await Promise.all([
    startIdp(),
    startMailcowEmulator(),
    startRedis(),
    startDockerDns(),
  ]);
  port = await freePort();
  dns.set('apppass-mailcow', REPLICAS);
  const snippet = await readFile('deploy/nginx/site.apppass.custom', 'utf8');
  nginx = await startNginx(async (listen, d) => {
    await writeFile(
      join(d, 'site.apppass.custom'),
      adapt(snippet, [
        ['resolver 127.0.0.11 ', `resolver ${dns.address} `],
        ['apppass-mailcow:8787', `apppass-mailcow:${port}`],
      ]),
    );
    return mailcowServerBlock(listen, join(d, 'site.apppass.custom'));
  });
  await Promise.all([startReplica(0), startReplica(1)]);
  alice = (await idp.signIn(idp.users.alice)).access_token;
  bob = (await idp.signIn(idp.users.bob)).access_token;
});

afterAll(async () => {
  await Promise.all(brokers.map((b) => b?.stop()));
  await nginx?.stop();
  await Promise.all([redis?.stop(), dns?.stop(), mailcow?.stop(), idp?.stop()]);
});

describe('two broker instances on one Redis behind nginx', () => {
  it('50 concurrent creates with one Idempotency-Key make exactly one mailcow add', async () => {
    const before = adds();
    // through nginx (which spreads over both addresses) and directly, so both surely race
    const bases = [viaNginx(), brokers[0]?.url as string, brokers[1]?.url as string];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        create(bases[i % 3] as string, alice, 'Same key', 'key-fifty'),
      ),
    );
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Created[];
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies.every((b) => b.password === bodies[0]?.password)).toBe(true);
    expect(adds() - before).toBe(1);
    expect(stored('alice@example.test', 'Same key')).toHaveLength(1);
    // both replicas answered some of them (audit lines are written just after the answer)
    const audited = () =>
      Promise.all(
        REPLICAS.map((h) => readFile(join(dir, `audit-${h}.jsonl`), 'utf8').catch(() => '')),
      );
    let audits = await audited();
    for (let i = 0; i < 50 && !audits.every((a) => a.includes('"action":"create"')); i++) {
      await new Promise((r) => setTimeout(r, 50));
      audits = await audited();
    }
    expect(audits.every((a) => a.includes('"action":"create"'))).toBe(true);
  });

  it('holds the per-mailbox limit across both instances', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const base = brokers[i % 2]?.url as string;
        return create(base, bob, `Bob ${i}`);
      }),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(mailcow.appPasswords('bob@example.test')).toHaveLength(3);
  });

  it('shares the write rate limit: the second instance does not double it', async () => {
    // bob took 10 of his 40 writes per minute above; deletes of unknown ids are writes too
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${brokers[i % 2]?.url}/v1/app-passwords/999999`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${bob}` },
        }),
      ),
    );
    const allowed = answers.filter((r) => r.status === 404).length;
    const limited = answers.filter((r) => r.status === 429).length;
    expect(allowed + limited).toBe(40);
    // 30 left, plus what refills (40/min) while the requests run; unshared it would be 40
    expect(allowed).toBeGreaterThanOrEqual(30);
    expect(allowed).toBeLessThanOrEqual(33);
  });

  it('SIGTERM mid-create: the create is answered, mailcow has it once, the process exits 0', async () => {
    const b = brokers[0] as BrokerProcess;
    const before = adds();
    mailcow.setFault({ kind: 'slow', delayMs: 800, pathPrefix: '/api/v1/add/', times: 1 });
    const pending = create(b.url, alice, 'During SIGTERM', 'key-sigterm');
    await until(() => adds() > before);
    b.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(201);
    const body = (await res.json()) as Created;
    expect(await b.exited).toBe(0);
    mailcow.setFault(null);
    expect(stored('alice@example.test', 'During SIGTERM').map((p) => p.id)).toEqual([body.id]);
    expect(adds() - before).toBe(1);
    // the retry (the client did get its answer, but may retry anyway) replays on the other one
    const again = await create(brokers[1]?.url as string, alice, 'During SIGTERM', 'key-sigterm');
    expect(again.status).toBe(201);
    expect(((await again.json()) as Created).id).toBe(body.id);
    // and the restarted instance still knows the key (it lives in Redis, not in the process)
    const restarted = await startReplica(0);
    const replayed = await create(restarted.url, alice, 'During SIGTERM', 'key-sigterm');
    expect(((await replayed.json()) as Created).id).toBe(body.id);
    expect(adds() - before).toBe(1);
  });

  it('SIGKILL mid-create: a retry with the same key on the other instance removes the orphan', async () => {
    const victim = brokers[1] as BrokerProcess;
    const before = adds();
    // mailcow performs the add, then its answer is held back: the broker dies waiting for it
    mailcow.setFault({
      kind: 'slow',
      after: true,
      delayMs: 3000,
      pathPrefix: '/api/v1/add/',
      times: 1,
    });
    const lost = create(victim.url, alice, 'During SIGKILL', 'key-sigkill').catch(() => null);
    await until(() => stored('alice@example.test', 'During SIGKILL').length === 1);
    const orphan = stored('alice@example.test', 'During SIGKILL')[0]?.id;
    victim.child.kill('SIGKILL');
    expect(await lost).toBeNull();
    expect(await victim.exited).toBeNull();
    mailcow.setFault(null);

    const retry = await create(brokers[0]?.url as string, alice, 'During SIGKILL', 'key-sigkill');
    expect(retry.status).toBe(201);
    const body = (await retry.json()) as Created;
    expect(body.id).not.toBe(orphan);
    // the orphan is gone, the retry's password is the only one under that name
    expect(stored('alice@example.test', 'During SIGKILL').map((p) => p.id)).toEqual([body.id]);
    expect(adds() - before).toBe(2);
    const audit = await readFile(join(dir, `audit-${REPLICAS[0]}.jsonl`), 'utf8');
    const rolledBack = audit
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.action === 'create_rolled_back' && r.id === orphan);
    expect(rolledBack).toEqual([
      expect.objectContaining({ outcome: 'ok', name: 'During SIGKILL' }),
    ]);
    await startReplica(1);
  });

  it('Redis unreachable: creates answer 503 and change nothing; reads still work', async () => {
    // alice is at her limit of 3: make room for the create after Redis is back
    const [old] = stored('alice@example.test', 'Same key');
    const freed = await fetch(`${viaNginx()}/v1/app-passwords/${old?.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${alice}` },
    });
    expect(freed.status).toBe(204);
    await redis.stop();
    try {
      const before = adds();
      const res = await create(viaNginx(), alice, 'Without Redis', 'key-no-redis');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { type: string }).type).toBe(
        'urn:apppass:problem:state_unavailable',
      );
      expect(adds()).toBe(before);
      const list = await fetch(`${viaNginx()}/v1/app-passwords`, {
        headers: { Authorization: `Bearer ${alice}` },
      });
      expect(list.status).toBe(200);
    } finally {
      await redis.start();
    }
    // back again: the brokers reconnect by themselves
    let status = 0;
    for (let i = 0; i < 50 && status !== 201; i++) {
      const res = await create(viaNginx(), alice, 'After Redis', 'key-after-redis');
      status = res.status;
      await res.body?.cancel();
      if (status !== 201) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(201);
  });
});
