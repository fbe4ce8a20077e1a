import type { CheckResult } from '../../../protocol/report.js';

// When no mail port answers at all, mailcow's netfilter may have banned this address after
// failed logins: it rejects (iptables REJECT: refused) or drops (nftables: timeout) every
// port. Defaults from mailcow-dockerized data/Dockerfiles/netfilter/main.py
// verifyF2boptions(): 10 failures in 600 s ban for 1800 s, doubled on each repeat ban up to
// 10000 s; private and loopback clients are never banned (get_ip()).

export interface PossibleBan {
  /** Failed logins within `windowMinutes` that ban. */
  attempts: number;
  windowMinutes: number;
  /** The first ban's length, and the longest a repeated one gets. */
  banMinutes: number;
  maxBanMinutes: number;
}

export const MAILCOW_BAN_DEFAULTS: PossibleBan = {
  attempts: 10,
  windowMinutes: 10,
  banMinutes: 30,
  maxBanMinutes: Math.round(10000 / 60),
};

const SILENT = new Set(['tcp_refused', 'tcp_timeout']);

/** The ban note when every check failed at the connection itself, else undefined. */
export function possibleBan(
  checks: readonly Pick<CheckResult, 'verdict'>[],
): PossibleBan | undefined {
  if (!checks.length || !checks.every((c) => SILENT.has(c.verdict))) return undefined;
  return MAILCOW_BAN_DEFAULTS;
}
