import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleApi, type ApiSession } from './mailcow/api.js';
import { FaultInjector, type Fault } from './mailcow/faults.js';
import { readBody, startAuthEndpoint } from './mailcow/auth-server.js';
import { cleanKey, generateApiKey, ipAllowed, sessionId, type ApiKey } from './mailcow/keys.js';
import { PassdbWriter } from './mailcow/passdb.js';
import { DEFAULT_POLICY, type PasswordPolicy } from './mailcow/password.js';
import { SCOPES, Store } from './mailcow/store.js';

// In-process emulator of mailcow's /api/v1 for app passwords, faithful to
// /work/shared/mailcow-api.md. Dovecot reaches it either as mailcow's own does, over HTTP from
// a Lua passdb (`authUrl`, mailcow/mailcow-auth.ts: logins are verified and recorded for
// get/last-login), or through the passwd-files it writes (mailcow/passdb.ts).

export type { PasswordPolicy } from './mailcow/password.js';
export type { Fault } from './mailcow/faults.js';
export { PASSDB_SLOTS, SERVICE_SCOPES } from './mailcow/passdb.js';

export interface EmulatorMailbox {
  username: string;
  name?: string;
  /** true = 1, false = 0, 2 = "login disallowed, mail still accepted". */
  active?: boolean | 2;
  protocols?: Partial<
    Record<'imap_access' | 'smtp_access' | 'pop3_access' | 'sieve_access', boolean>
  >;
  /** Default 'mailcow'. */
  authsource?: string;
  /** Bytes used (default 0) of quota (default 3 GiB). */
  quotaUsed?: number;
  quota?: number;
}

export interface MailcowEmulatorOptions {
  passdbDir?: string;
  mailboxes?: EmulatorMailbox[];
  /** allow_from of both keys (default 127.0.0.1 and ::1). */
  allowFrom?: string[];
  policy?: Partial<PasswordPolicy>;
  /** How often netfilter's autopurge runs (main.py: every 10 s). */
  netfilterIntervalMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  hadApiKey: boolean;
  cookie: boolean;
}

export interface AppPasswordState {
  id: number;
  name: string;
  protocols: string[];
  active: boolean;
}

export interface MailcowEmulator {
  url: string;
  /** The `https://nginx:9082` of mailcow's passwd-verify.lua (here plain HTTP): mailcowauth.php. */
  authUrl: string;
  /** Logins Dovecot asked about at authUrl: [username, service, success]. */
  authRequests: Array<{ username: string; service: string; success: boolean }>;
  rwKey: string;
  roKey: string;
  passdbDir: string;
  requests: RecordedRequest[];
  /** The returned promise settles once the passdb files are rewritten. */
  addMailbox(m: EmulatorMailbox): Promise<void>;
  setMailboxActive(username: string, active: boolean | 2): Promise<void>;
  setPolicy(p: Partial<PasswordPolicy>): void;
  /** Several faults may be set at once; each request meets the first that matches. */
  setFault(f: Fault | Fault[] | null): void;
  /** Stored state (name as stored, i.e. escaped once), for assertions. */
  appPasswords(username: string): AppPasswordState[];
  /** Moves mailcow's clock (NOW(), time()) by `ms` from now on. */
  advanceClock(ms: number): void;
  /** Redis IP_SHORTCOUNTRY: the country last_login() reports for a public address. */
  setCountry(ip: string, code: string): void;
  /** Failed logins from `ip` as netfilter counts them (main.py ban()); max_attempts bans. */
  failedLogins(ip: string, count: number): void;
  /** F2B_ACTIVE_BANS / F2B_QUEUE_UNBAN now. */
  bans(): Array<{ network: string; until: number; queued: boolean }>;
  /** Runs one netfilter autopurge tick now (queued unbans, expired bans). */
  netfilterTick(): void;
  stop(): Promise<void>;
}

export const DEFAULT_MAILBOXES: EmulatorMailbox[] = [
  { username: 'alice@example.test', name: 'Alice' },
  { username: 'bob@example.test', name: 'Bob' },
  { username: 'mallory@example.test', name: 'Mallory' },
  { username: 'carol@example.test', name: 'Carol', active: false },
];

function mailboxRecord(store: Store, m: EmulatorMailbox) {
  const quota = { authsource: m.authsource ?? 'mailcow', quota_used: m.quotaUsed ?? 0 };
  const flag = (k: keyof NonNullable<EmulatorMailbox['protocols']>) =>
    m.protocols?.[k] === false ? '0' : '1';
  return {
    username: m.username.toLowerCase(),
    name: m.name ?? m.username.split('@')[0] ?? '',
    active: m.active === 2 ? 2 : m.active === false ? 0 : 1,
    attributes: {
      imap_access: flag('imap_access'),
      pop3_access: flag('pop3_access'),
      smtp_access: flag('smtp_access'),
      sieve_access: flag('sieve_access'),
      eas_access: '1',
      dav_access: '1',
      sogo_access: '1',
    },
    created: store.now(),
    ...quota,
    quota: m.quota ?? 3221225472,
  };
}

/** nginx decodes the path into `query=`, then PHP decodes it again ('+' becomes a space). */
function phpQuery(rawPath: string): string | undefined {
  const path = decodeURIComponent(rawPath);
  if (!path.startsWith('/api/v1/')) return undefined;
  const query = path.slice('/api/v1/'.length);
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return query;
  }
}

function apiKeyHeader(req: IncomingMessage): string {
  const v = req.headers['x-api-key'];
  return typeof v === 'string' ? v : '';
}

function cookieSession(req: IncomingMessage): string | undefined {
  return /(?:^|;\s*)MCSESSID=([a-z0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
}

export async function startMailcowEmulator(
  o: MailcowEmulatorOptions = {},
): Promise<MailcowEmulator> {
  const store = new Store();
  store.policy = { ...DEFAULT_POLICY, ...o.policy };
  for (const m of o.mailboxes ?? DEFAULT_MAILBOXES)
    store.mailboxes.set(m.username.toLowerCase(), mailboxRecord(store, m));
  const passdbDir = o.passdbDir ?? (await mkdtemp(join(tmpdir(), 'apppass-passdb-')));
  const passdb = new PassdbWriter(passdbDir);
  await passdb.sync(store);
  const allowFrom = o.allowFrom ?? ['127.0.0.1', '::1'];
  const rwKey: ApiKey = { key: generateApiKey(), access: 'rw', allowFrom, skipIpCheck: false };
  const roKey: ApiKey = { key: generateApiKey(), access: 'ro', allowFrom, skipIpCheck: false };
  const keys = [rwKey, roKey];
  const sessions = new Map<string, ApiSession>();
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = (job: () => Promise<void>): Promise<void> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  interface Answer {
    status: number;
    headers: Record<string, string>;
    body?: string;
    /** Not to be sent before this time (a write waits until logins see it). */
    notBefore?: number;
  }

  async function handle(req: IncomingMessage, body: Buffer): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (req.method === 'OPTIONS') return { status: 200, headers: corsHeaders() };
    const query = phpQuery(url.pathname);
    if (query === undefined) {
      const html = { 'content-type': 'text/html' };
      return { status: 404, headers: html, body: '<html><body>404 Not Found</body></html>' };
    }
    const cookieId = cookieSession(req);
    const known = cookieId ? sessions.get(cookieId) : undefined;
    const id = known ? (cookieId as string) : sessionId();
    const session: ApiSession = known ?? { access: null, pending: [] };
    sessions.set(id, session);
    const headers: Record<string, string> = {
      ...corsHeaders(),
      'content-type': 'application/json',
    };
    if (!known) headers['set-cookie'] = `MCSESSID=${id}; path=/; secure; HttpOnly; SameSite=Lax`;
    const keyHeader = apiKeyHeader(req);
    if (keyHeader !== '') {
      const key = keys.find((k) => k.key === cleanKey(keyHeader));
      const ip = (req.socket.remoteAddress ?? '0.0.0.0').replace(/^::ffff:/, '');
      const denied = !key
        ? 'authentication failed'
        : !key.skipIpCheck && !ipAllowed(ip, key.allowFrom)
          ? `api access denied for ip ${ip}`
          : null;
      if (denied) {
        headers['content-type'] = 'text/html; charset=utf-8';
        return { status: 401, headers, body: JSON.stringify({ type: 'error', msg: denied }) };
      }
      session.access = key?.access ?? null;
    }
    const dest = req.headers['sec-fetch-dest'];
    if (dest !== undefined && dest !== 'empty') return { status: 403, headers };
    const answer = handleApi(store, session, {
      method: req.method ?? 'GET',
      query,
      contentType: req.headers['content-type'] ?? '',
      body,
    });
    // Like mailcow's SQL passdb, a write is answered only once logins see it; the wait runs
    // outside the request queue so other requests go on meanwhile.
    const notBefore = req.method !== 'GET' ? await passdb.sync(store) : 0;
    return { status: answer.status, headers, body: answer.body, notBefore };
  }

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const cookie = cookieSession(req) !== undefined;
    requests.push({ method: req.method ?? '', path, hadApiKey: apiKeyHeader(req) !== '', cookie });
    const body = await readBody(req);
    const fault = faults.take(path);
    if (fault && !fault.after && (await faults.answer(fault, req, body, res))) return;
    // one request at a time, like mailcow's DB transactions; faults above stay concurrent
    let answer: Answer | undefined;
    await serialized(async () => void (answer = await handle(req, body)));
    if (!answer) return;
    await sleep(Math.max(0, (answer.notBefore ?? 0) - Date.now()));
    if (fault?.after && (await faults.answer(fault, req, body, res))) return;
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  const server = createServer((req, res) => {
    receive(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const authRequests: MailcowEmulator['authRequests'] = [];
  const auth = await startAuthEndpoint(store, authRequests);
  const netfilter = setInterval(
    () => store.fail2ban.autopurge(),
    o.netfilterIntervalMs ?? 10_000,
  ).unref();
  let clockOffset = 0;
  store.clock = () => new Date(Date.now() + clockOffset);

  const changed = async (): Promise<void> => {
    let visibleAt = 0;
    await serialized(async () => void (visibleAt = await passdb.sync(store)));
    await sleep(Math.max(0, visibleAt - Date.now()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    authUrl: auth.url,
    authRequests,
    rwKey: rwKey.key,
    roKey: roKey.key,
    passdbDir,
    requests,
    addMailbox(m) {
      store.mailboxes.set(m.username.toLowerCase(), mailboxRecord(store, m));
      return changed();
    },
    setMailboxActive(username, active) {
      const m = store.mailboxDetails(username);
      if (!m) throw new Error(`unknown mailbox ${username}`);
      m.active = active === 2 ? 2 : active ? 1 : 0;
      return changed();
    },
    setPolicy(p) {
      store.policy = { ...store.policy, ...p };
    },
    setFault: (f) => faults.set(f),
    appPasswords: (username) =>
      store.rowsOf(username.toLowerCase()).map((r) => ({
        id: r.id,
        name: r.name,
        protocols: SCOPES.filter((s) => r[s] === 1),
        active: r.active === 1,
      })),
    advanceClock(ms) {
      clockOffset += ms;
    },
    setCountry: (ip, code) => void store.ipCountries.set(ip, code),
    failedLogins(ip, count) {
      for (let i = 0; i < count; i++) store.fail2ban.failedLogin(ip);
    },
    bans: () =>
      [...store.fail2ban.activeBans].map(([network, until]) => ({
        network,
        until,
        queued: store.fail2ban.queueUnban.get(network) === 1,
      })),
    netfilterTick: () => store.fail2ban.autopurge(),
    async stop() {
      clearInterval(netfilter);
      await auth.stop();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      });
    },
  };
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'Accept, Content-Type, X-Api-Key, Origin',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  };
}
