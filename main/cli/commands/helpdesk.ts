import { isIP } from 'node:net';
import type { Ban, HelpdeskMailbox } from '../../core/broker/index.js';
import { BrokerError } from '../../core/broker/index.js';
import type { CliContext, Command } from '../command.js';
import { parseId, shortName, str, usage } from '../args.js';
import { lastUseText, NOT_SEEN_NOTE } from '../last-use-text.js';
import { emit, REVOKE_DELAY_NOTE, table } from '../output.js';
import { requireSignIn } from '../services.js';

// `apppass helpdesk lookup|revoke|bans|unban`: the broker's /v1/helpdesk calls, for members of
// the helpdesk group. The signed-in account is the helpdesk member's own.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function mailboxArg(text: string | undefined): string {
  const m = (text ?? '').trim().toLowerCase();
  if (!EMAIL.test(m)) throw usage('Give the mailbox as name@domain.');
  return m;
}

function ipArg(text: string | undefined): string {
  const ip = (text ?? '').trim();
  if (!isIP(ip)) throw usage('Give an IPv4 or IPv6 address.');
  return ip;
}

function mib(bytes: number | null): string {
  return bytes === null ? '?' : `${(bytes / 1048576).toFixed(1)} MiB`;
}

function lookupText(m: HelpdeskMailbox): string {
  const head = [
    `${m.mailbox} (${m.name || 'no name'}): ${m.active ? 'active' : 'not active (app passwords cannot log in)'}`,
    `Signs in through: ${m.authSource ?? 'unknown'}; mail stored: ${mib(m.quotaUsed)} of ${mib(m.quota)}`,
  ];
  if (!m.appPasswords.length) return `${head.join('\n')}\nNo app passwords.`;
  const rows = m.appPasswords.map((p) => [
    `${p.stale ? '!' : ' '}${p.id}`,
    p.name,
    p.protocols.map(shortName).join(','),
    p.active ? 'active' : 'inactive',
    lastUseText(p.lastUsed),
  ]);
  return `${head.join('\n')}\n\n${table([' ID', 'NAME', 'PROTOCOLS', 'STATE', 'LAST USE'], rows)}\n\n! stale\n${NOT_SEEN_NOTE}`;
}

function bansText(bans: Ban[], ip: string | undefined): string {
  if (!bans.length)
    return ip ? `mailcow has no active ban for ${ip}.` : 'mailcow has no active bans.';
  const rows = bans.map((b) => [
    b.network,
    new Date(b.until).toLocaleString('en-GB', { timeZoneName: 'short' }),
    b.queuedForUnban ? 'unban queued' : '',
  ]);
  return table(['NETWORK', 'BANNED UNTIL', ''], rows);
}

async function unban(ctx: CliContext, ip: string, run: () => Promise<string[]>): Promise<number> {
  try {
    const queued = await run();
    emit(
      ctx,
      { queued },
      () => `Unban queued for ${queued.join(', ')}; mailcow lifts it within about 10 seconds.`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof BrokerError) || e.status !== 404) throw e;
    emit(ctx, { queued: [] }, () => `mailcow has no active ban for ${ip}.`);
    return 1;
  }
}

export const helpdeskCommand: Command = {
  options: { all: { type: 'boolean' }, ip: { type: 'string' } },
  async run(positionals, values, ctx) {
    const [sub, ...rest] = positionals;
    const needs = (n: number, form: string) => {
      if (rest.length !== n) throw usage(`Usage: apppass helpdesk ${form}`);
    };
    switch (sub) {
      case 'lookup': {
        needs(1, 'lookup <email>');
        const mailbox = mailboxArg(rest[0]);
        const found = await (await requireSignIn(ctx)).broker.helpdesk.lookup(mailbox);
        emit(ctx, found, () => lookupText(found));
        return 0;
      }
      case 'revoke': {
        if (values.all ? rest.length !== 1 : rest.length !== 2)
          throw usage('Usage: apppass helpdesk revoke <email> <id> | <email> --all');
        const mailbox = mailboxArg(rest[0]);
        const id = values.all ? null : parseId(rest[1]);
        const { broker } = await requireSignIn(ctx);
        const revoked =
          id === null
            ? await broker.helpdesk.revokeAll(mailbox)
            : (await broker.helpdesk.revoke(mailbox, id), [id]);
        emit(ctx, { mailbox, revoked, note: REVOKE_DELAY_NOTE }, () =>
          revoked.length
            ? `Revoked ${revoked.length} app password(s) of ${mailbox}. ${REVOKE_DELAY_NOTE}`
            : `${mailbox} had no app passwords.`,
        );
        return 0;
      }
      case 'bans': {
        needs(0, 'bans [--ip A]');
        const ip = values.ip === undefined ? undefined : ipArg(str(values.ip));
        const bans = await (await requireSignIn(ctx)).broker.helpdesk.bans(ip);
        emit(ctx, { bans }, () => bansText(bans, ip));
        return 0;
      }
      case 'unban': {
        needs(1, 'unban <ip>');
        const ip = ipArg(rest[0]);
        const { broker } = await requireSignIn(ctx);
        return unban(ctx, ip, () => broker.helpdesk.unban(ip));
      }
      default:
        throw usage('Give a helpdesk command: lookup, revoke, bans or unban (see --help).');
    }
  },
};
