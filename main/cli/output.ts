import { REVOKE_DELAY_MINUTES } from '../../protocol/revoke.js';
import type { CliContext } from './command.js';

/** Prints the result: JSON on stdout with --json, otherwise the human text. */
export function emit(ctx: CliContext, value: unknown, human: () => string): void {
  ctx.out(ctx.json ? JSON.stringify(value, null, 2) : human());
}

/** Progress for people, on stderr (stdout stays pure for --json). */
export function progress(ctx: CliContext): (message: string) => void {
  return (message) => ctx.err(message);
}

/** A plain text table: columns padded to the widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const REVOKE_DELAY_NOTE = `A revoked password may keep working for up to ${REVOKE_DELAY_MINUTES} minutes while the mail server forgets it.`;
