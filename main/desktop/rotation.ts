import { CLIENT_KINDS, type RevokeResult, type RotationStarted } from '../contract.js';
import type { MailService } from '../../protocol/scopes.js';
import { AppPassError } from '../core/errors.js';
import {
  createRotationManager,
  loginVerifier,
  type RotationManager,
  type RotationResult,
} from '../core/rotation/index.js';
import type { Vault } from '../core/vault/index.js';
import { REVOKE_DELAY_MINUTES } from '../../protocol/revoke.js';
import type { SecretHandles } from './secrets.js';
import type { SignedIn } from './session.js';
import { serverSettings } from './settings.js';

export interface RotationDepsForUi {
  dataDir: string;
  vault: Vault;
  secrets: SecretHandles;
  ca?: string[];
}

function managerFor(s: SignedIn, d: RotationDepsForUi): RotationManager {
  return createRotationManager({
    dataDir: d.dataDir,
    mailbox: s.state.mailbox,
    broker: s.broker,
    vault: d.vault,
    index: s.index,
    verify: loginVerifier(s.state.profile.mail, d.ca ? { ca: d.ca } : {}),
  });
}

function failed(result: RotationResult): AppPassError {
  return new AppPassError(
    `rotation_${result.status}`,
    result.note ?? 'The rotation could not finish; your old password stays in use.',
  );
}

/**
 * Creates, stores and verifies the replacement, then pauses for the user (the mail client must
 * use the new password before the old one is revoked). The new password is shown once.
 */
export async function startRotation(
  s: SignedIn,
  oldId: number,
  d: RotationDepsForUi,
): Promise<RotationStarted> {
  const result = await managerFor(s, d).rotate(oldId);
  if (result.status !== 'awaiting-confirmation' || result.newId === undefined) throw failed(result);
  const password = await d.vault.readAppPassword(s.state.mailbox, result.newId);
  if (!password) {
    throw new AppPassError('rotation_secret_missing', 'The new password is not in the keychain.');
  }
  const entry = (await s.broker.listAppPasswords()).find((p) => p.id === result.newId);
  const protocols = entry?.protocols ?? [];
  const verified: MailService[] = result.checks.filter((c) => c.ok).map((c) => c.service);
  const known = (await s.index.list(s.state.mailbox)).find((e) => e.id === result.newId);
  const client = CLIENT_KINDS.find((kind) => kind === known?.client) ?? null;
  return {
    entry: {
      id: result.newId,
      name: result.name,
      protocols,
      active: entry?.active ?? true,
      created: entry?.created ?? new Date().toISOString(),
      storedOnDevice: true,
    },
    password,
    secretRef: d.secrets.hold(password),
    settings: serverSettings(s.state.profile.mail, protocols, s.state.mailbox),
    keychainProblem: null,
    replacesId: oldId,
    verified,
    client,
  };
}

/** The user confirmed: revoke the old password and forget its secret. */
export async function confirmRotation(
  s: SignedIn,
  oldId: number,
  d: RotationDepsForUi,
): Promise<RevokeResult> {
  const result = await managerFor(s, d).rotate(oldId, { confirm: async () => true });
  if (result.status !== 'completed') throw failed(result);
  return { revoked: [oldId], mayKeepWorkingMinutes: REVOKE_DELAY_MINUTES };
}
