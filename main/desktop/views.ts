import type { CreatedPassword, PasswordEntry, RevokeResult, Session } from '../contract.js';
import type { AppPassword } from '../../protocol/broker-api.js';
import type { Message } from '../../protocol/messages.js';
import { AppPassError } from '../core/errors.js';
import type { Account, Created, Revoked } from '../core/account/account.js';
import type { SecretHandles } from './secrets.js';
import { passwordView } from './password-view.js';
import { serverSettings } from './settings.js';

/** The core's results in the shapes of main/contract.ts. */

export function sessionView(a: Account | null): Session {
  if (!a?.me) return { state: 'signed-out' };
  return {
    state: 'signed-in',
    mailbox: a.mailbox,
    name: a.me.name || null,
    protocols: a.me.protocols,
    mail: a.state.profile.mail,
    helpdesk: a.me.helpdesk === true,
  };
}

export function entryView(p: AppPassword, storedOnDevice: boolean): PasswordEntry {
  return { ...passwordView(p), storedOnDevice };
}

/** A new password for the show-once panel: the secret once, a handle for copies, the settings. */
export function createdView(a: Account, c: Created, secrets: SecretHandles): CreatedPassword {
  return {
    entry: entryView(c.created, c.stored),
    password: c.created.password,
    secretRef: secrets.hold(c.created.password),
    settings: serverSettings(a.state.profile.mail, c.created.protocols, a.mailbox),
    keychainProblem: c.storeProblem ? messageOf(c.storeProblem) : null,
  };
}

/** A core error as it crosses IPC: code and params; the renderer words it. */
export function messageOf(error: Error): Message {
  return error instanceof AppPassError
    ? { code: error.code, params: error.params }
    : { code: 'keychain_error', params: { operation: 'store', detail: '' } };
}

export const revokedView = (r: Revoked): RevokeResult => ({
  revoked: r.outcomes.filter((o) => o.revoked).map((o) => o.id),
  mayKeepWorkingMinutes: r.mayKeepWorkingMinutes,
});
