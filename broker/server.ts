import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BROKER_PATHS } from '../protocol/broker-api.js';
import { DISCOVERY_PATH } from '../protocol/discovery.js';
import { AuditLog } from './audit.js';
import { IdentityResolver } from './auth/identity.js';
import { IssuerDiscovery } from './auth/issuer.js';
import { TokenVerifier } from './auth/verify.js';
import { ClientIpResolver } from './client-ip.js';
import type { BrokerConfig } from './config.js';
import type { RequestContext, Route, Services } from './context.js';
import { toProblem } from './errors.js';
import { Problem, SECURITY_HEADERS, sendJson, sendProblem } from './http/problem.js';
import { MailcowApi } from './mailcow/app-passwords.js';
import { MailcowClient } from './mailcow/client.js';
import { IdempotencyCache } from './limits/idempotency.js';
import { KeyedMutex } from './limits/mutex.js';
import { RateLimiter } from './limits/rate-limit.js';
import { LastUsedJoin } from './last-used.js';
import { MailcowActivity } from './mailcow/activity.js';
import { createAppPassword, deleteAppPassword, listAppPasswords } from './routes/app-passwords.js';
import {
  helpdeskBans,
  helpdeskLookup,
  helpdeskRevoke,
  helpdeskRevokeAll,
  helpdeskUnban,
} from './routes/helpdesk.js';
import { getDiscovery, getHealth, getMe } from './routes/public.js';

export interface BrokerHandle {
  url: string;
  /** Counters for tests and the bench: calls that really left the broker. */
  stats(): { mailcowCalls: number; jwksFetches: number; userinfoCalls: number };
  close(): Promise<void>;
}

export interface StartOptions {
  /** Operator log lines (default: stderr). Never receives a secret. */
  log?: (line: string) => void;
  /** The clock for stale marking and ban ends (ms; default Date.now). */
  now?: () => number;
}

type Action = RequestContext['audit']['action'];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const exactly = (path: string) => new RegExp(`^${escapeRegExp(path)}$`);

const ROUTES: { method: string; pattern: RegExp; action: Action | null; route: Route }[] = [
  {
    method: 'GET',
    pattern: exactly(DISCOVERY_PATH),
    action: null,
    route: getDiscovery,
  },
  { method: 'GET', pattern: exactly(BROKER_PATHS.health), action: null, route: getHealth },
  { method: 'GET', pattern: exactly(BROKER_PATHS.me), action: 'me', route: getMe },
  {
    method: 'GET',
    pattern: exactly(BROKER_PATHS.appPasswords),
    action: 'list',
    route: listAppPasswords,
  },
  {
    method: 'POST',
    pattern: exactly(BROKER_PATHS.appPasswords),
    action: 'create',
    route: createAppPassword,
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${escapeRegExp(BROKER_PATHS.appPasswords)}/(?<id>[^/]+)$`),
    action: 'delete',
    route: deleteAppPassword,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/helpdesk\/mailboxes\/(?<mailbox>[^/]+)$/,
    action: 'helpdesk_lookup',
    route: helpdeskLookup,
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/helpdesk\/mailboxes\/(?<mailbox>[^/]+)\/app-passwords$/,
    action: 'helpdesk_revoke_all',
    route: helpdeskRevokeAll,
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/helpdesk\/mailboxes\/(?<mailbox>[^/]+)\/app-passwords\/(?<id>[^/]+)$/,
    action: 'helpdesk_revoke',
    route: helpdeskRevoke,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/helpdesk\/bans$/,
    action: 'helpdesk_bans',
    route: helpdeskBans,
  },
  {
    method: 'POST',
    pattern: /^\/v1\/helpdesk\/unban$/,
    action: 'helpdesk_unban',
    route: helpdeskUnban,
  },
];

/** Actions recorded in the audit log when they succeed too (every action is when it fails). */
const AUDITED = new Set<Action>([
  'create',
  'delete',
  'helpdesk_lookup',
  'helpdesk_revoke',
  'helpdesk_revoke_all',
  'helpdesk_bans',
  'helpdesk_unban',
]);

function buildServices(
  config: BrokerConfig,
  log: (line: string) => void,
  now: () => number,
): Services {
  const client = new MailcowClient({
    baseUrl: config.mailcowUrl,
    apiKey: config.mailcowApiKey,
    timeoutMs: config.mailcowTimeoutMs,
    log,
  });
  const mailcow = new MailcowApi(client, config.mailcowTimezone);
  const activity = new MailcowActivity(client, config.mailcowTimezone);
  const verifier = new TokenVerifier(
    config,
    new IssuerDiscovery(config.issuer, config.insecureHttp),
  );
  return {
    config,
    mailcow,
    verifier,
    identity: new IdentityResolver(config, verifier, mailcow),
    activity,
    lastUsed: new LastUsedJoin(activity, config, now, log),
    now,
    audit: new AuditLog(config.auditLog, log),
    writes: new RateLimiter(config.writesPerMinute),
    idempotency: new IdempotencyCache(),
    mailboxLock: new KeyedMutex(),
    log,
  };
}

function routePath(req: IncomingMessage, basePath: string): string {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  // Works both behind `proxy_pass .../;` (prefix stripped) and with the prefix kept.
  return basePath && (path === basePath || path.startsWith(`${basePath}/`))
    ? path.slice(basePath.length) || '/'
    : path;
}

async function handle(
  s: Services,
  ips: ClientIpResolver,
  basePath: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  if (s.config.publicUrl.startsWith('https:'))
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  const path = routePath(req, basePath);
  const matching = ROUTES.filter((r) => r.pattern.test(path));
  const entry = matching.find((r) => r.method === req.method);
  if (!entry) {
    const allow = matching.map((r) => r.method).join(', ');
    // OPTIONS (a CORS preflight) lands here too: no Access-Control-* header is ever sent.
    const p = allow
      ? new Problem(405, 'method_not_allowed', 'Method not allowed', `Use ${allow}.`, {
          Allow: allow,
        })
      : new Problem(404, 'not_found', 'Not found', 'There is nothing at this address.');
    return sendProblem(res, p);
  }
  const ctx: RequestContext = {
    req,
    res,
    ip: ips.resolve(req),
    params: { ...entry.pattern.exec(path)?.groups },
    caller: {},
    audit: { action: entry.action ?? 'request' },
  };
  try {
    const out = await entry.route(s, ctx);
    if (out.status === 204) {
      res.writeHead(204, out.headers).end();
    } else {
      sendJson(res, out.status, out.body, out.headers);
    }
    if (entry.action && AUDITED.has(entry.action)) record(s, ctx, out.status);
  } catch (e) {
    const p = toProblem(e, s.log);
    if (p.status === 413) res.setHeader('Connection', 'close');
    sendProblem(res, p);
    if (entry.action) record(s, ctx, p.status, p.code);
  }
}

function record(s: Services, ctx: RequestContext, status: number, reason?: string): void {
  const outcome = ctx.audit.outcome ?? (status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed');
  s.audit.write({
    sub: ctx.caller.sub ?? null,
    mailbox: ctx.caller.mailbox ?? null,
    action: ctx.audit.action,
    id: ctx.audit.id ?? null,
    name: ctx.audit.name ?? null,
    ip: ctx.ip,
    outcome,
    status,
    ...(reason ? { reason } : {}),
    ...(ctx.audit.actor ? { actor: ctx.audit.actor } : {}),
    ...(ctx.audit.subject ? { subject: ctx.audit.subject } : {}),
    ...(ctx.audit.affected ? { affected: ctx.audit.affected } : {}),
  });
}

/** Starts the broker on `config.listen` (port 0 picks a free port). */
export async function startBroker(
  config: BrokerConfig,
  options: StartOptions = {},
): Promise<BrokerHandle> {
  const log =
    options.log ??
    ((line: string) =>
      process.stderr.write(`${new Date().toISOString()} apppass-broker: ${line}\n`));
  const s = buildServices(config, log, options.now ?? Date.now);
  const ips = new ClientIpResolver(config.trustedProxies);
  const basePath = new URL(config.publicUrl).pathname.replace(/\/+$/, '');
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    handle(s, ips, basePath, req, res).catch((e: unknown) => {
      log(`request failed: ${e instanceof Error ? e.name : 'unknown'}`);
      if (!res.headersSent) sendProblem(res, toProblem(e, log));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A wrong APPPASS_ISSUER shows at start-up, not only when the first user is refused.
  void s.verifier.issuer.probe().then((e) => {
    if (e) log(`configuration error: ${e.message}`);
  });
  let closing: Promise<void> | undefined;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  return {
    url: `http://${host}:${port}`,
    stats: () => ({
      mailcowCalls: s.mailcow.client.calls,
      jwksFetches: s.verifier.jwksFetches,
      userinfoCalls: s.verifier.userinfo.calls,
    }),
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await s.mailcow.client.close();
        await s.audit.close();
      })();
      return closing;
    },
  };
}
