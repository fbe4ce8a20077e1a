import { z } from 'zod';
import { mailEndpoint, mailSecurity } from './discovery.js';
import { advice } from './messages.js';
import { MAIL_SERVICES } from './scopes.js';
import { VERDICTS } from './verdicts.js';

// The `doctor --json` report: one model for `--json`, the Markdown export and the desktop app.
// The fields of the contract example are all here unchanged; `ok` on steps,
// `cipher`/`issuer`/`trusted`/`hostnameMatch` on tls, `address`, `capabilities`, `skipReason`,
// `detail` and `findings` are additions a reader may ignore.

export const STEP_NAMES = [
  'dns',
  'tcp',
  'tls',
  'greeting',
  'capabilities',
  'starttls',
  'auth',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const stepRecord = z.object({
  name: z.enum(STEP_NAMES),
  ms: z.number().nonnegative(),
  ok: z.boolean(),
});
export type StepRecord = z.infer<typeof stepRecord>;

export const tlsInfo = z.object({
  protocol: z.string(),
  cipher: z.string(),
  certSubject: z.string(),
  issuer: z.string(),
  certExpires: z.string(),
  daysLeft: z.number().int(),
  trusted: z.boolean(),
  hostnameMatch: z.boolean(),
});
export type TlsInfo = z.infer<typeof tlsInfo>;

export const capabilitySummary = z.object({
  starttls: z.boolean(),
  loginDisabled: z.boolean(),
  authMechanisms: z.array(z.string()),
});
export type CapabilitySummary = z.infer<typeof capabilitySummary>;

/** Why a login was not tried (verdict `skipped`); 'no_scope': the password lacks it. */
export const SKIP_REASONS = [
  'gate_failed',
  'no_gate',
  'plaintext',
  'deadline',
  'no_scope',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const checkResult = z.object({
  id: z.string(),
  protocol: z.enum(MAIL_SERVICES),
  host: z.string(),
  port: z.number().int(),
  security: mailSecurity,
  family: z.enum(['ipv4', 'ipv6']).optional(),
  address: z.string().optional(),
  verdict: z.enum(VERDICTS),
  durationMs: z.number().nonnegative(),
  steps: z.array(stepRecord),
  tls: tlsInfo.nullable(),
  capabilities: capabilitySummary.optional(),
  /** One sentence a user or helpdesk can act on (English; rendered from `advice`). */
  hint: z.string().nullable(),
  /** The hint as codes with parameters, for a face to word in its language. */
  advice: z.array(advice).optional(),
  skipReason: z.enum(SKIP_REASONS).optional(),
  detail: z.string().optional(),
});
export type CheckResult = z.infer<typeof checkResult>;

// `findings`: optional extras beside the fixed `checks` (what autoconfig advertises, clock
// skew), with verdicts of their own so the checks' verdict codes stay as specified.

/** A server autoconfig advertises, and what the checks found there (null: not checked). */
export const advertisedServer = mailEndpoint.extend({
  service: z.enum(MAIL_SERVICES),
  checkId: z.string().nullable(),
  answers: z.boolean().nullable(),
});
export type AdvertisedServer = z.infer<typeof advertisedServer>;

export const autoconfigFinding = z.object({
  id: z.literal('autoconfig'),
  verdict: z.enum(['ok', 'not_answering', 'differs', 'unavailable']),
  url: z.string(),
  servers: z.array(advertisedServer),
  hint: z.string().nullable(),
  advice: z.array(advice).optional(),
  detail: z.string().optional(),
});
export type AutoconfigFinding = z.infer<typeof autoconfigFinding>;

export const clockFinding = z.object({
  id: z.literal('clock'),
  verdict: z.enum(['ok', 'skewed', 'unknown']),
  /** Local clock minus the server's `Date`, whole seconds (positive: this computer is ahead). */
  skewSeconds: z.number().int().nullable(),
  /** The host whose HTTPS answer's `Date` header was used. */
  source: z.string().nullable(),
  hint: z.string().nullable(),
  advice: z.array(advice).optional(),
  detail: z.string().optional(),
});
export type ClockFinding = z.infer<typeof clockFinding>;

export const finding = z.discriminatedUnion('id', [autoconfigFinding, clockFinding]);
export type Finding = z.infer<typeof finding>;

export const doctorReport = z.object({
  target: z.string(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  checks: z.array(checkResult),
  findings: z.array(finding).optional(),
  /** Set when no mail port answered at all: mailcow may have banned this address. */
  possibleBan: z
    .object({
      attempts: z.number(),
      windowMinutes: z.number(),
      banMinutes: z.number(),
      maxBanMinutes: z.number(),
    })
    .optional(),
});
export type DoctorReport = z.infer<typeof doctorReport>;

/** Live progress of a check run: a step finished, or a whole check did. */
export type DoctorEvent =
  { type: 'step'; checkId: string; step: StepRecord } | { type: 'check'; check: CheckResult };
