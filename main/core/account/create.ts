import type { AppPassword, CreatedAppPassword } from '../../../protocol/broker-api.js';
import type { ProtocolScope } from '../../../protocol/scopes.js';
import type { BrokerClient } from '../broker/index.js';
import type { PasswordIndex, Vault } from '../vault/index.js';
import { CreateJournal, type CreateRecord } from './create-journal.js';

export interface CreateInput {
  name: string;
  protocols: readonly ProtocolScope[];
  /** The mail client it is for, remembered in the index (the desktop app asks). */
  client?: string;
}

export interface CreateOptions {
  /** Keep it in the keychain and the index; false: not stored anywhere (shown once). */
  store: boolean;
  /**
   * When storing fails: 'revoke' deletes the new password again and throws (nothing is lost,
   * nothing half-done); 'show-once' keeps it and reports why it was not stored.
   */
  onStoreFailure: 'revoke' | 'show-once';
}

export interface Created {
  created: CreatedAppPassword;
  stored: boolean;
  /** Why it could not be stored (with 'show-once'), else null. */
  storeProblem: Error | null;
}

/** What one create needs of the account. */
export interface CreateParts {
  mailbox: string;
  broker: BrokerClient;
  vault: Vault;
  index: PasswordIndex;
  dataDir: string;
}

/** Keychain first (the secret exists nowhere else), then the index entry that points at it. */
export async function keep(p: CreateParts, created: CreatedAppPassword, client?: string) {
  await p.vault.storeAppPassword(p.mailbox, created.id, created.password);
  await p.index.upsert({
    mailbox: p.mailbox,
    id: created.id,
    name: created.name,
    protocols: created.protocols,
    created: created.created,
    verifiedAt: null,
    ...(client ? { client } : {}),
  });
}

/**
 * Creates an app password and, unless told not to, keeps it in the keychain and the index,
 * journaled like a rotation: the intent (name, idempotency key, the ids there before) is on
 * disk before the broker is asked, and goes only once the secret is kept (or given back to
 * be shown once). A run that dies in between leaves the record for reconcileCreates.
 */
export async function createAndStore(
  p: CreateParts,
  input: CreateInput,
  o: CreateOptions,
): Promise<Created> {
  const journal = new CreateJournal(p.dataDir);
  const before = await p.broker.listAppPasswords();
  const record = await journal.begin({
    mailbox: p.mailbox,
    name: input.name,
    protocols: [...input.protocols],
    ...(input.client ? { client: input.client } : {}),
    store: o.store,
    knownIds: before.map((e) => e.id),
  });
  const created = await p.broker.createAppPassword(
    { name: input.name, protocols: [...input.protocols] },
    { idempotencyKey: record.idempotencyKey },
  );
  if (!o.store) {
    await journal.finish(record.createId);
    return { created, stored: false, storeProblem: null };
  }
  try {
    await keep(p, created, input.client);
  } catch (error) {
    if (o.onStoreFailure === 'revoke') {
      await p.broker.deleteAppPassword(created.id, { missingOk: true });
      await journal.finish(record.createId);
      throw error;
    }
    await journal.finish(record.createId);
    const problem = error instanceof Error ? error : new Error(String(error));
    return { created, stored: false, storeProblem: problem };
  }
  await journal.finish(record.createId);
  return { created, stored: true, storeProblem: null };
}

/** What the next run made of a create an earlier run did not finish. */
export interface SettledCreate {
  name: string;
  /**
   * 'stored': the password is now in the keychain and the index; 'not-created': the broker
   * never made it; 'orphaned': it exists on the server but its secret is lost: revoke `ids`.
   */
  status: 'stored' | 'not-created' | 'orphaned';
  ids: number[];
}

/** The broker keeps a create's answer 10 minutes; a replay this long after is still safe. */
const REPLAY_WINDOW_MS = 9 * 60_000;

async function settleOne(p: CreateParts, rec: CreateRecord): Promise<SettledCreate> {
  const ours = (list: AppPassword[]) =>
    list.filter((e) => e.name === rec.name && !rec.knownIds.includes(e.id));
  const found = ours(await p.broker.listAppPasswords());
  const kept = new Set((await p.index.list(p.mailbox)).map((e) => e.id));
  const lost: number[] = [];
  for (const e of found) {
    const secret = await p.vault.readAppPassword(p.mailbox, e.id).catch(() => null);
    if (secret && !kept.has(e.id)) await keep(p, { ...e, password: secret }, rec.client);
    if (!secret) lost.push(e.id);
  }
  const fresh = Date.now() - Date.parse(rec.startedAt) < REPLAY_WINDOW_MS;
  if (lost.length && rec.store && fresh) {
    // Same key, same request: the broker answers with the password it made then.
    const replayed = await p.broker.createAppPassword(
      { name: rec.name, protocols: rec.protocols },
      { idempotencyKey: rec.idempotencyKey },
    );
    if (lost.includes(replayed.id)) {
      await keep(p, replayed, rec.client);
      lost.splice(lost.indexOf(replayed.id), 1);
    } else {
      // The broker no longer had the answer and made a new one: nobody asked for it now.
      await p.broker.deleteAppPassword(replayed.id, { missingOk: true });
    }
  }
  if (lost.length) return { name: rec.name, status: 'orphaned', ids: lost };
  return {
    name: rec.name,
    status: found.length ? 'stored' : 'not-created',
    ids: found.map((e) => e.id),
  };
}

/**
 * Settles the creates an earlier run left half-done: stores what the broker's idempotency
 * window still returns, else names the orphans (on the server, secret lost) for revoking. An
 * orphan's record stays until it is gone from the server, so every run says so again.
 */
export async function reconcileCreates(p: CreateParts): Promise<SettledCreate[]> {
  const journal = new CreateJournal(p.dataDir);
  const settled: SettledCreate[] = [];
  for (const rec of await journal.list(p.mailbox)) {
    const outcome = await settleOne(p, rec);
    if (outcome.status !== 'orphaned') await journal.finish(rec.createId);
    settled.push(outcome);
  }
  return settled;
}
