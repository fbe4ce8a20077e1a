import type { StepName } from '../../../protocol/report.js';

/** Each step's own limit (diagnostics-notes §4.2); the run's deadline may cut it shorter. */
export const STEP_LIMITS: Record<StepName, number> = {
  dns: 3_000,
  tcp: 8_000,
  tls: 5_000,
  greeting: 5_000,
  capabilities: 5_000,
  starttls: 5_000,
  auth: 20_000, // room for Dovecot's failure delay and per-IP penalty
};

/** The whole run's time budget; every step asks it how long it may take. */
export class Deadline {
  private readonly end: number;

  constructor(
    totalMs: number,
    readonly signal?: AbortSignal,
  ) {
    this.end = Date.now() + totalMs;
  }

  remaining(): number {
    if (this.signal?.aborted) return 0;
    return Math.max(0, this.end - Date.now());
  }

  limit(step: StepName): number {
    return Math.min(STEP_LIMITS[step], this.remaining());
  }
}

/** Milliseconds since `start`, rounded for the report. */
export function since(start: number): number {
  return Math.round(performance.now() - start);
}
