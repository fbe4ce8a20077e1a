import { z } from 'zod';
import { protocolScope } from '../discovery/profile.js';

/** The broker's answers (ARCHITECTURE.md, "Broker HTTP API"). Unknown keys are tolerated. */
export const meSchema = z.object({
  mailbox: z.string().min(3).max(320),
  name: z.string().max(500),
  protocols: z.array(protocolScope),
});
export type Me = z.infer<typeof meSchema>;

export const appPasswordSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(500),
  protocols: z.array(protocolScope),
  active: z.boolean(),
  created: z.string().min(1),
  modified: z.string().min(1).nullable(),
});
export type AppPassword = z.infer<typeof appPasswordSchema>;

export const appPasswordListSchema = z.array(appPasswordSchema);

/** The create answer: the listed object plus the password, shown once. */
export const createdAppPasswordSchema = appPasswordSchema.extend({
  password: z.string().min(1).max(500),
});
export type CreatedAppPassword = z.infer<typeof createdAppPasswordSchema>;

export const healthSchema = z.object({ status: z.string() });

/** RFC 9457 problem details; every field optional because a proxy may answer anything. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  /** On email_unverified: which IdP's fix applies ('authentik' | 'keycloak' | 'other'). */
  idp: z.string().max(40).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export interface CreateAppPasswordInput {
  name: string;
  protocols: z.infer<typeof protocolScope>[];
}
