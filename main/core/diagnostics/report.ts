import { z } from 'zod';
import { MAIL_SERVICES, mailSecurity } from '../discovery/profile.js';
import { VERDICTS } from './verdicts.js';

// The `doctor --json` report of ARCHITECTURE.md. The fields of the contract example are all
// here unchanged; `ok` on steps, `cipher`/`issuer`/`trusted`/`hostnameMatch` on tls,
// `address`, `capabilities`, `skipReason` and `detail` are additions a reader may ignore.

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

/** Why a login was not tried (verdict `skipped`). */
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
  hint: z.string().nullable(),
  skipReason: z.enum(SKIP_REASONS).optional(),
  detail: z.string().optional(),
});
export type CheckResult = z.infer<typeof checkResult>;

export const doctorReport = z.object({
  target: z.string(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  checks: z.array(checkResult),
});
export type DoctorReport = z.infer<typeof doctorReport>;

/**
 * Exit status of `apppass doctor`: every check ok. A login skipped because the password lacks
 * that protocol's scope is not a failure: the connection itself was fine.
 */
export function allOk(report: DoctorReport): boolean {
  const passed = (c: CheckResult) =>
    c.verdict === 'ok' || (c.verdict === 'skipped' && c.skipReason === 'no_scope');
  return report.checks.length > 0 && report.checks.every(passed);
}

export function checkId(protocol: string, port: number, family?: 'ipv4' | 'ipv6'): string {
  return family ? `${protocol}:${port}:${family}` : `${protocol}:${port}`;
}
