import { CLIENT_KINDS, type RevokeResult, type RotationStarted } from '../contract.js';
import { REVOKE_DELAY_MINUTES } from '../../protocol/revoke.js';
import type { MailService } from '../../protocol/scopes.js';
import type { Account } from '../core/account/account.js';
import type { SecretHandles } from './secrets.js';
import { serverSettings } from './settings.js';

/** The replacement for the show-once panel; the old password is revoked by confirmRotation. */
export async function startRotation(
  a: Account,
  oldId: number,
  secrets: SecretHandles,
): Promise<RotationStarted> {
  const { result, newId, password, entry, client } = await a.startRotation(oldId);
  const protocols = entry?.protocols ?? [];
  const verified: MailService[] = result.checks.filter((c) => c.ok).map((c) => c.service);
  return {
    entry: {
      id: newId,
      name: result.name,
      protocols,
      active: entry?.active ?? true,
      created: entry?.created ?? new Date().toISOString(),
      storedOnDevice: true,
    },
    password,
    secretRef: secrets.hold(password),
    settings: serverSettings(a.state.profile.mail, protocols, a.mailbox),
    keychainProblem: null,
    replacesId: oldId,
    verified,
    client: CLIENT_KINDS.find((kind) => kind === client) ?? null,
  };
}

export async function confirmRotation(a: Account, oldId: number): Promise<RevokeResult> {
  await a.confirmRotation(oldId);
  return { revoked: [oldId], mayKeepWorkingMinutes: REVOKE_DELAY_MINUTES };
}
