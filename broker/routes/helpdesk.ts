import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import type { HelpdeskActor } from '../auth/identity.js';
import type { RequestContext, Route, Services } from '../context.js';
import { readJsonBody } from '../http/body.js';
import { Problem, badRequest, forbidden } from '../http/problem.js';
import type { Ban } from '../mailcow/activity.js';
import { takeWrite } from './write-budget.js';

// /v1/helpdesk/…: members of APPPASS_HELPDESK_GROUP look up a mailbox, list and revoke its app
// passwords, see mailcow's fail2ban bans and queue an unban. Nothing else: no creating, no
// reading a password. Membership is checked before anything reaches mailcow.

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

async function member(s: Services, ctx: RequestContext): Promise<HelpdeskActor> {
  const actor = await s.identity.helpdesk(ctx.req, ctx.caller);
  if (actor.email) ctx.audit.actor = actor.email;
  return actor;
}

/** The mailbox in the path, if this helpdesk may act on its domain (no mailcow call yet). */
function targetMailbox(s: Services, ctx: RequestContext): string {
  let mailbox: string;
  try {
    mailbox = decodeURIComponent(ctx.params.mailbox ?? '')
      .trim()
      .toLowerCase();
  } catch {
    throw badRequest('invalid_mailbox', 'Give a mailbox as name@domain.');
  }
  ctx.audit.subject = mailbox.slice(0, 254);
  if (!EMAIL.test(mailbox) || mailbox.length > 254)
    throw badRequest('invalid_mailbox', 'Give a mailbox as name@domain.');
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1);
  const limits = [s.config.helpdeskDomains, s.config.allowedDomains];
  if (limits.some((allowed) => allowed && !allowed.includes(domain)))
    throw forbidden('domain_not_allowed', `The helpdesk may not act on ${domain} here.`);
  ctx.caller.mailbox = mailbox;
  return mailbox;
}

const noMailbox = (mailbox: string) =>
  new Problem(404, 'no_mailbox', 'No such mailbox', `There is no mailbox ${mailbox} here.`);

async function listed(s: Services, mailbox: string) {
  return s.lastUsed.annotate(mailbox, await s.mailcow.listAppPasswords(mailbox));
}

export const helpdeskLookup: Route = async (s, ctx) => {
  await member(s, ctx);
  const mailbox = targetMailbox(s, ctx);
  const found = await s.mailcow.getMailbox(mailbox);
  if (!found) throw noMailbox(mailbox);
  return {
    status: 200,
    body: {
      mailbox,
      name: found.name,
      active: found.active,
      authSource: found.authSource,
      quotaUsed: found.quotaUsed,
      quota: found.quota,
      appPasswords: await listed(s, mailbox),
    },
  };
};

export const helpdeskRevoke: Route = async (s, ctx) => {
  const actor = await member(s, ctx);
  const mailbox = targetMailbox(s, ctx);
  await takeWrite(s, actor.sub);
  const raw = ctx.params.id ?? '';
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
  if (id !== null) ctx.audit.id = id;
  return s.state.withMailboxLock(mailbox, async () => {
    const own = (await s.mailcow.listAppPasswords(mailbox)).find((p) => p.id === id);
    if (!own || id === null)
      throw new Problem(404, 'not_found', 'Not found', `${mailbox} has no such app password.`);
    ctx.audit.name = own.name;
    await s.mailcow.deleteAppPassword(id);
    s.lastUsed.forget(mailbox);
    return { status: 204 };
  });
};

export const helpdeskRevokeAll: Route = async (s, ctx) => {
  const actor = await member(s, ctx);
  const mailbox = targetMailbox(s, ctx);
  await takeWrite(s, actor.sub);
  return s.state.withMailboxLock(mailbox, async () => {
    const revoked: number[] = [];
    ctx.audit.affected = revoked;
    for (const p of await s.mailcow.listAppPasswords(mailbox)) {
      await s.mailcow.deleteAppPassword(p.id);
      revoked.push(p.id);
    }
    s.lastUsed.forget(mailbox);
    return { status: 200, body: { revoked } };
  });
};

function parseIp(raw: string): string {
  const ip = raw.trim();
  if (!isIP(ip)) throw badRequest('invalid_ip', 'Give an IPv4 or IPv6 address.');
  return ip;
}

/** Bans whose network holds `ip` (mailcow bans /32 by default, or wider with netban_ipv4). */
function covering(bans: Ban[], ip: string): Ban[] {
  return bans.filter((b) => {
    const [net, bits] = b.network.split('/');
    const family = isIP(net ?? '');
    if (!family || family !== isIP(ip)) return false;
    const list = new BlockList();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(
      net as string,
      bits === undefined ? (family === 6 ? 128 : 32) : Number(bits),
      type,
    );
    return list.check(ip, type);
  });
}

export const helpdeskBans: Route = async (s, ctx) => {
  await member(s, ctx);
  const query = new URL(ctx.req.url ?? '/', 'http://broker').searchParams.get('ip');
  const ip = query === null ? null : parseIp(query);
  if (ip) ctx.audit.subject = ip;
  const bans = await s.activity.bans(s.now());
  return { status: 200, body: ip ? covering(bans, ip) : bans };
};

const unbanBody = z.strictObject({ ip: z.string().max(64) });

export const helpdeskUnban: Route = async (s, ctx) => {
  const actor = await member(s, ctx);
  const parsed = unbanBody.safeParse(await readJsonBody(ctx.req));
  if (!parsed.success) throw badRequest('invalid_body', 'Send {"ip": "<address>"}.');
  const ip = parseIp(parsed.data.ip);
  ctx.audit.subject = ip;
  await takeWrite(s, actor.sub);
  const hits = covering(await s.activity.bans(s.now()), ip);
  if (!hits.length)
    throw new Problem(404, 'not_banned', 'Not banned', `mailcow has no active ban for ${ip}.`);
  // netfilter only lifts a ban whose key matches exactly: send the networks as listed
  const networks = hits.map((b) => b.network);
  ctx.audit.affected = networks;
  await s.activity.unban(networks);
  return { status: 202, body: { queued: networks } };
};
