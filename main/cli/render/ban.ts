import type { PossibleBan } from '../../core/diagnostics/ban.js';

/** The English note (CLI, Markdown report). */
export function possibleBanText(b: PossibleBan): string {
  return `No mail port answers from here. mailcow may have banned this address after ${b.attempts} failed logins within ${b.windowMinutes} minutes: such a ban lasts ${b.banMinutes} minutes (longer when it repeats, up to about ${Math.round(b.maxBanMinutes / 60)} hours). Your helpdesk can lift it (apppass helpdesk unban <this address>).`;
}
