import { SHORT_PROTOCOL_NAMES, type ProtocolScope } from '../../protocol/scopes.js';
import { AppPassError } from '../core/errors.js';

/** A refusal of the command line; the command is English, so it carries its sentence. */
export class UsageError extends AppPassError {
  constructor(text: string) {
    super('usage', 'usage', { params: { text } });
    this.message = text;
  }
}

export function usage(message: string): AppPassError {
  return new UsageError(message);
}

/** `12` -> 12; anything else is a usage error naming the argument. */
export function parseId(text: string | undefined, what = 'id'): number {
  if (text === undefined || !/^\d{1,9}$/.test(text)) {
    throw usage(`"${text ?? ''}" is not an app password ${what}; see \`apppass list\`.`);
  }
  return Number(text);
}

/** `imap,smtp` (or scope names) -> scopes, no duplicates. */
export function parseProtocols(text: string): ProtocolScope[] {
  const scopes = new Set<ProtocolScope>();
  for (const raw of text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    const scope =
      SHORT_PROTOCOL_NAMES[raw] ?? Object.values(SHORT_PROTOCOL_NAMES).find((s) => s === raw);
    if (!scope) {
      throw usage(
        `Unknown protocol "${raw}"; use ${Object.keys(SHORT_PROTOCOL_NAMES).join(', ')}.`,
      );
    }
    scopes.add(scope);
  }
  if (scopes.size === 0) throw usage('Give at least one protocol, e.g. --protocols imap,smtp.');
  return [...scopes];
}

/** Scope -> short name for display (`imap_access` -> `imap`). */
export function shortName(scope: string): string {
  return scope.replace(/_access$/, '');
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
