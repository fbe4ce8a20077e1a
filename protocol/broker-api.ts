import { z } from 'zod';
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
} as const;

/** `DELETE` target of one app password. */
export const appPasswordPath = (id: number | string): string =>
  `${BROKER_PATHS.appPasswords}/${encodeURIComponent(String(id))}`;

/** Header that makes a repeated create answer with the first result. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** 1-200 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Allowed name characters: printable, none of < > & " ' (mailcow would HTML-escape them). */
const NAME_CHARACTERS = /^[^\p{C}<>&"']+$/u;
export const APP_PASSWORD_NAME_MAX = 60;

/** The name rule, trimmed: 1-60 printable characters without < > & " '. */
export const appPasswordName = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => NAME_CHARACTERS.test(s) && [...s].length <= APP_PASSWORD_NAME_MAX, {
    message: 'name must be 1-60 printable characters without < > & " \'',
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
});
export type Me = z.infer<typeof meSchema>;

/** One entry of `GET /v1/app-passwords` (never a hash). */
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

/** `GET /healthz`: `ok` when mailcow answers (200), `unavailable` otherwise (503). */
export const healthSchema = z.object({ status: z.string() });
export type Health = z.infer<typeof healthSchema>;
