import type {
  CreatedPassword,
  CreatePasswordInput,
  PasswordEntry,
  RevokeResult,
} from '../../contract.js';
import type { AppPassword } from '../broker/index.js';
import { AppPassError } from '../errors.js';
import { Journal } from '../rotation/journal.js';
import { KeychainUnavailableError, type Vault } from '../vault/index.js';
import type { SecretHandles } from './secrets.js';
import type { SignedIn } from './session.js';
import { serverSettings } from './settings.js';

/** Dovecot's auth cache keeps a revoked password working this long (ARCHITECTURE.md). */
export const REVOKE_DELAY_MINUTES = 5;

export interface PasswordDeps {
  vault: Vault;
  secrets: SecretHandles;
  /** Where the rotation journal is: a replacement made but not confirmed marks its old row. */
  dataDir: string;
}

/** Old id -> new id of rotations waiting for the person ("Finish later"). */
async function pendingReplacements(s: SignedIn, dataDir: string): Promise<Map<number, number>> {
  const records = await new Journal(dataDir).list();
  return new Map(
    records
      .filter((r) => r.mailbox === s.state.mailbox && r.newId !== undefined)
      .map((r) => [r.oldId, r.newId as number]),
  );
}

/** Copies a password kept in this device's keychain (the list's "Copy" button). */
export async function copyStoredPassword(
  s: SignedIn,
  id: number,
  d: PasswordDeps,
): Promise<{ clearsInSeconds: number }> {
  const secret = await d.vault.readAppPassword(s.state.mailbox, id);
  if (!secret) {
    throw new AppPassError('not_stored', 'That password is not stored on this device.');
  }
  const ref = d.secrets.hold(secret);
  try {
    return d.secrets.copy(ref);
  } finally {
    d.secrets.forget(ref);
  }
}

async function storedIds(s: SignedIn, vault: Vault): Promise<Set<number>> {
  const indexed = await s.index.list(s.state.mailbox);
  const stored = await Promise.all(
    indexed.map(async (e) =>
      (await vault.readAppPassword(s.state.mailbox, e.id).catch(() => null)) ? e.id : null,
    ),
  );
  return new Set(stored.filter((id): id is number => id !== null));
}

function toEntry(p: AppPassword, stored: boolean): PasswordEntry {
  const { id, name, protocols, active, created } = p;
  return { id, name, protocols, active, created, storedOnDevice: stored };
}

/** The mailbox's app passwords, marking those whose secret is in this device's keychain. */
export async function listPasswords(s: SignedIn, d: PasswordDeps): Promise<PasswordEntry[]> {
  const [list, stored, pending] = await Promise.all([
    s.broker.listAppPasswords(),
    storedIds(s, d.vault),
    pendingReplacements(s, d.dataDir),
  ]);
  return list.map((p) => ({
    ...toEntry(p, stored.has(p.id)),
    pendingReplacement: pending.get(p.id) ?? null,
  }));
}

/** Keychain first, then the index; null when stored, else why not (the user sees it once). */
async function keep(
  s: SignedIn,
  created: AppPassword & { password: string },
  client: string,
  d: PasswordDeps,
): Promise<string | null> {
  try {
    await d.vault.storeAppPassword(s.state.mailbox, created.id, created.password);
  } catch (error) {
    return error instanceof Error ? error.message : 'The keychain refused the password.';
  }
  await s.index.upsert({
    mailbox: s.state.mailbox,
    id: created.id,
    name: created.name,
    protocols: created.protocols,
    created: created.created,
    verifiedAt: null,
    client,
  });
  return null;
}

/** Creates a password, stores it when a keychain answers, and hands it out once. */
export async function createPassword(
  s: SignedIn,
  input: CreatePasswordInput,
  d: PasswordDeps,
): Promise<CreatedPassword> {
  const created = await s.broker.createAppPassword({
    name: input.name,
    protocols: [...input.protocols],
  });
  const keychainProblem = await keep(s, created, input.client, d);
  return {
    entry: toEntry(created, keychainProblem === null),
    password: created.password,
    secretRef: d.secrets.hold(created.password),
    settings: serverSettings(s.state.profile.mail, created.protocols, s.state.mailbox),
    keychainProblem,
  };
}

/** Revokes on the server and forgets the local copy (a password gone there is useless here). */
export async function revokePasswords(
  s: SignedIn,
  target: readonly number[] | 'all',
  d: PasswordDeps,
): Promise<RevokeResult> {
  const ids = target === 'all' ? (await s.broker.listAppPasswords()).map((p) => p.id) : target;
  const revoked: number[] = [];
  for (const id of ids) {
    if (await s.broker.deleteAppPassword(id, { missingOk: true })) revoked.push(id);
    await d.vault.deleteAppPassword(s.state.mailbox, id).catch((error: unknown) => {
      if (!(error instanceof KeychainUnavailableError)) throw error;
    });
    await s.index.remove(s.state.mailbox, id);
  }
  return { revoked, mayKeepWorkingMinutes: REVOKE_DELAY_MINUTES };
}
