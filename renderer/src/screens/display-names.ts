import type { PasswordEntry } from '../../../main/contract.js';

/**
 * What each row is called: the name, numbered from the second of the same name on (a
 * replacement keeps the old name until the old one is revoked), so rows and their buttons
 * always have distinct names.
 */
export function displayNames(entries: readonly PasswordEntry[]): Map<number, string> {
  const seen = new Map<string, number>();
  const labels = new Map<number, string>();
  for (const entry of [...entries].sort((a, b) => a.id - b.id)) {
    const count = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, count);
    labels.set(entry.id, count === 1 ? entry.name : `${entry.name} (${count})`);
  }
  return labels;
}
