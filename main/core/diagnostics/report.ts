import type { CheckResult, DoctorReport, Finding } from '../../../protocol/report.js';

// The report model itself is shared with the desktop app: protocol/report.ts.

/**
 * A finding that is a real problem: autoconfig sends mail apps to a server that does not
 * answer as advertised, or this computer's clock is off by more than a minute. A finding that
 * could not be made (no autoconfig, no Date header) or that names servers not checked is not.
 */
export const findingFails = (f: Finding): boolean =>
  f.verdict === 'not_answering' || f.verdict === 'skewed';

/**
 * Exit status of `apppass doctor`: every check ok and no finding a real problem. A login
 * skipped because the password lacks that protocol's scope is not a failure: the connection
 * itself was fine.
 */
export function allOk(report: DoctorReport): boolean {
  const passed = (c: CheckResult) =>
    c.verdict === 'ok' || (c.verdict === 'skipped' && c.skipReason === 'no_scope');
  return (
    report.checks.length > 0 &&
    report.checks.every(passed) &&
    !(report.findings ?? []).some(findingFails)
  );
}

export function checkId(protocol: string, port: number, family?: 'ipv4' | 'ipv6'): string {
  return family ? `${protocol}:${port}:${family}` : `${protocol}:${port}`;
}
