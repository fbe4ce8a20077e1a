import { z } from 'zod';
import { protocolScope } from '../discovery/profile.js';

/** The broker's answers (ARCHITECTURE.md, "Broker HTTP API"). Unknown keys are tolerated. */
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

/** GET /v1/helpdesk/mailboxes/{mailbox}. */
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

/** One of mailcow's active fail2ban bans (GET /v1/helpdesk/bans). */
export const banSchema = z.object({
  network: z.string().max(64),
  ip: z.string().max(64),
  until: z.string().min(1),
  queuedForUnban: z.boolean(),
});
export type Ban = z.infer<typeof banSchema>;
export const banListSchema = z.array(banSchema);
export const revokedAllSchema = z.object({ revoked: z.array(z.number().int()) });
export const unbanSchema = z.object({ queued: z.array(z.string()) });

export const healthSchema = z.object({ status: z.string() });

/** RFC 9457 problem details; every field optional because a proxy may answer anything. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export interface CreateAppPasswordInput {
  name: string;
  protocols: z.infer<typeof protocolScope>[];
}
