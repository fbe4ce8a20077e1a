import { CheckFailure } from './verdicts.js';

/**
 * What one connection may send us before the check stops listening. A mailcow server says
 * well under 2 KiB and 30 lines before a login answer (greeting, capabilities, STARTTLS,
 * AUTH); far more is a flood, and reading on would only cost memory and time.
 */
export const READ_BUDGET = { bytes: 64 * 1024, lines: 512 } as const;

/** Counts what a connection has sent, over every reader that takes a turn on it. */
export class ReadBudget {
  private bytes = 0;
  private lines = 0;

  /** The failure to end the connection with once a budget is spent, else undefined. */
  spend(bytes: number, lines: number): CheckFailure | undefined {
    this.bytes += bytes;
    this.lines += lines;
    if (this.bytes > READ_BUDGET.bytes) {
      return new CheckFailure(
        'protocol_error',
        `the server sent more than ${READ_BUDGET.bytes / 1024} KiB without finishing its answer`,
      );
    }
    if (this.lines > READ_BUDGET.lines) {
      return new CheckFailure(
        'protocol_error',
        `the server sent more than ${READ_BUDGET.lines} lines without finishing its answer`,
      );
    }
    return undefined;
  }
}
