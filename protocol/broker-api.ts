import { z } from 'zod';
import { nameProblem, nameProblemText } from './app-password-name.js';
import { protocolScope } from './scopes.js';

/**
 * The broker's HTTP API (docs/architecture.md, "Broker HTTP API"): the paths, the one request
 * body, and the answers. The broker builds its answers to these types and checks the body with
 * `createAppPasswordRequest`; the client in main/core/broker parses every answer with the
 * schemas (unknown keys are tolerated, so a newer broker may add fields).
 */
export const BROKER_PATHS = {
  health: '/healthz',
  me: '/v1/me',
  appPasswords: '/v1/app-passwords',
  helpdeskBans: '/v1/helpdesk/bans',
  helpdeskUnban: '/v1/helpdesk/unban',
} as const;

/** `GET` (lookup) and, with `/app-passwords[/<id>]`, `DELETE` of the helpdesk's mailbox calls. */
export const helpdeskMailboxPath = (mailbox: string): string =>
  `/v1/helpdesk/mailboxes/${encodeURIComponent(mailbox)}`;

/** `DELETE` target of one app password. */
export const appPasswordPath = (id: number | string): string =>
  `${BROKER_PATHS.appPasswords}/${encodeURIComponent(String(id))}`;

/** Header that makes a repeated create answer with the first result. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** 1-200 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The name rule, trimmed: whatever mailcow stores as given (app-password-name.ts). */
export const appPasswordName = z
  .string()
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    const problem = nameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: nameProblemText(problem) });
  });

/** `POST /v1/app-passwords` body. */
export const createAppPasswordRequest = z.strictObject({
  name: appPasswordName,
  protocols: z.array(protocolScope).min(1).max(6),
});
export type CreateAppPasswordRequest = z.infer<typeof createAppPasswordRequest>;

/** `GET /v1/me` */
export const meSchema = z.object({
  mailbox: z.string().min(3).max(320),
  name: z.string().max(500),
  protocols: z.array(protocolScope),
  /** Member of the helpdesk group (brokers before it: absent = no). */
  helpdesk: z.boolean().optional(),
});
export type Me = z.infer<typeof meSchema>;

/** The newest login mailcow recorded for an app password (get/last-login). */
export const lastUsedSchema = z.object({
  at: z.string().min(1),
  service: z.string().max(40),
  /** An address, or mailcow's "Web/EAS/Internal (<ip>)" for a non-public one. */
  address: z.string().max(100),
  country: z.string().max(10).optional(),
});
export type LastUsed = z.infer<typeof lastUsedSchema>;

/** One entry of `GET /v1/app-passwords` (never a hash). */
export const appPasswordSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(500),
  protocols: z.array(protocolScope),
  active: z.boolean(),
  created: z.string().min(1),
  modified: z.string().min(1).nullable(),
  /** null: no login on record. Absent: the broker does not tell (older brokers). */
  lastUsed: lastUsedSchema.nullable().optional(),
  /** Not seen for the broker's stale threshold, or never seen a week after creation. */
  stale: z.boolean().optional(),
});
export type AppPassword = z.infer<typeof appPasswordSchema>;

export const appPasswordListSchema = z.array(appPasswordSchema);

/** The create answer: the listed object plus the password, shown once. */
export const createdAppPasswordSchema = appPasswordSchema.extend({
  password: z.string().min(1).max(500),
});
export type CreatedAppPassword = z.infer<typeof createdAppPasswordSchema>;

/** `GET /v1/helpdesk/mailboxes/{mailbox}`. */
export const helpdeskMailboxSchema = z.object({
  mailbox: z.string().min(3).max(320),
  name: z.string().max(500),
  active: z.boolean(),
  authSource: z.string().max(40).nullable(),
  quotaUsed: z.number().nonnegative().nullable(),
  quota: z.number().nonnegative().nullable(),
  appPasswords: z.array(appPasswordSchema),
});
export type HelpdeskMailbox = z.infer<typeof helpdeskMailboxSchema>;

/** One of mailcow's active fail2ban bans (`GET /v1/helpdesk/bans[?ip=]`). */
export const banSchema = z.object({
  network: z.string().max(64),
  ip: z.string().max(64),
  until: z.string().min(1),
  queuedForUnban: z.boolean(),
});
export type Ban = z.infer<typeof banSchema>;
export const banListSchema = z.array(banSchema);
/** `DELETE /v1/helpdesk/mailboxes/{mailbox}/app-passwords` */
export const revokedAllSchema = z.object({ revoked: z.array(z.number().int()) });
/** `POST /v1/helpdesk/unban` body and answer (202). */
export const unbanRequest = z.strictObject({ ip: z.string().max(64) });
export const unbanSchema = z.object({ queued: z.array(z.string()) });

/** `GET /healthz`: `ok` when mailcow answers (200), `unavailable` otherwise (503). */
export const healthSchema = z.object({ status: z.string() });
export type Health = z.infer<typeof healthSchema>;
