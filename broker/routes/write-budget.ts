import type { Services } from '../context.js';
import { Problem } from '../http/problem.js';

/**
 * Counts one change against the caller's budget (APPPASS_WRITES_PER_MINUTE, per token subject):
 * a user's creates and deletes, a helpdesk member's revokes and unbans. Throws 429 with
 * Retry-After when the budget is spent, before anything reaches mailcow.
 */
export async function takeWrite(s: Services, sub: string): Promise<void> {
  const wait = await s.state.takeWrite(sub);
  if (wait > 0) {
    throw new Problem(
      429,
      'rate_limited',
      'Too many changes',
      `Too many changes in a short time; try again in ${wait} s.`,
      { 'Retry-After': String(wait) },
    );
  }
}
