import { createInterface } from 'node:readline/promises';
import type { CliContext } from './command.js';

/** Asks a yes/no question on stderr and reads the answer from stdin; EOF counts as "no". */
export async function askYesNo(ctx: CliContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: process.stderr, terminal: false });
  ctx.err(`${question} [y/N] `);
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
