import type { AppPassword } from '../../../protocol/broker-api.js';
import type { Note } from '../../../protocol/messages.js';
import { REVOKE_DELAY_MINUTES } from '../../../protocol/revoke.js';
import type { SignInState, TokenSource } from '../auth/index.js';
import type { BrokerClient, Me } from '../broker/index.js';
import {
  createRotationManager,
  loginVerifier,
  type ConfirmFn,
  type RotationManager,
  type RotationResult,
} from '../rotation/index.js';
import { AppPassError } from '../errors.js';
import {
  createAndStore,
  reconcileCreates,
  type CreateInput,
  type CreateOptions,
  type CreateParts,
  type Created,
  type SettledCreate,
} from './create.js';
import { KeychainUnavailableError, type PasswordIndex, type Vault } from '../vault/index.js';

export interface ListedPassword extends AppPassword {
  /** In this device's index and its secret in the keychain. */
  storedOnDevice: boolean;
}

export type { CreateInput, CreateOptions, Created, SettledCreate } from './create.js';

export interface RevokeOutcome {
  id: number;
  /** False: the id was not (or no longer) on the mailbox. */
  revoked: boolean;
}

export interface Revoked {
  outcomes: RevokeOutcome[];
  /** Dovecot's auth cache: a revoked password may keep working this long. */
  mayKeepWorkingMinutes: number;
}

export interface StartedRotation {
  result: RotationResult;
  newId: number;
  /** The new secret, read back from the keychain (shown once). */
  password: string;
  /** The new password as the broker lists it (undefined if the list missed it). */
  entry: AppPassword | undefined;
  /** The mail client the old password was made for, when this device remembers it. */
  client: string | undefined;
}

const rotationFailed = (result: RotationResult): AppPassError =>
  new AppPassError(`rotation_${result.status}`, 'failed', {
    params: { oldId: result.oldId, name: result.name },
  });

export type SettledRotation = Awaited<ReturnType<RotationManager['resumeRotations']>>[number];

export interface AccountParts {
  state: SignInState;
  me: Me | null;
  tokens: TokenSource;
  broker: BrokerClient;
  vault: Vault;
  index: PasswordIndex;
  dataDir: string;
  /** Extra CA certificates (PEM) for the mail servers' logins. */
  ca?: string[];
  /** Progress for people (the command's stderr), as codes the face words; never a secret. */
  progress?: (note: Note) => void;
}

/**
 * A signed-in account and what can be done with it: the use cases both the `apppass` command
 * and the desktop app call (list, create-and-store, revoke, rotate). Built by signInAccount or
 * restoreAccount (session.ts).
 */
export class Account {
  constructor(private readonly parts: AccountParts) {}

  /** The same account once sign-in has learnt its mailbox. */
  signedInAs(state: SignInState): Account {
    return new Account({ ...this.parts, state });
  }

  get state(): SignInState {
    return this.parts.state;
  }
  /** The mailbox the broker acts on (its /v1/me at sign-in). */
  get mailbox(): string {
    return this.parts.state.mailbox;
  }
  get me(): Me | null {
    return this.parts.me;
  }
  get tokens(): TokenSource {
    return this.parts.tokens;
  }
  get broker(): BrokerClient {
    return this.parts.broker;
  }
  get index(): PasswordIndex {
    return this.parts.index;
  }

  /** The mailbox's app passwords, marking those whose secret is in this device's keychain. */
  async listPasswords(): Promise<ListedPassword[]> {
    const [list, stored] = await Promise.all([
      this.parts.broker.listAppPasswords(),
      this.storedIds(),
    ]);
    return list.map((p) => ({ ...p, storedOnDevice: stored.has(p.id) }));
  }

  private async storedIds(): Promise<Set<number>> {
    const { vault, index } = this.parts;
    const indexed = await index.list(this.mailbox);
    const stored = await Promise.all(
      indexed.map(async (e) =>
        (await vault.readAppPassword(this.mailbox, e.id).catch(() => null)) ? e.id : null,
      ),
    );
    return new Set(stored.filter((id): id is number => id !== null));
  }

  /** Creates an app password and, unless told not to, keeps it (journaled: see create.ts). */
  createPassword(input: CreateInput, o: CreateOptions): Promise<Created> {
    return createAndStore(this.createParts(), input, o);
  }

  /** Stores or names what creates of an earlier run left half-done; [] when there were none. */
  settleCreates(): Promise<SettledCreate[]> {
    return reconcileCreates(this.createParts());
  }

  private createParts(): CreateParts {
    const { broker, vault, index, dataDir } = this.parts;
    return { mailbox: this.mailbox, broker, vault, index, dataDir };
  }

  /** Revokes on the server and forgets the local copy (a password gone there is useless here). */
  async revoke(
    target: readonly number[] | 'all',
    onEach?: (outcome: RevokeOutcome) => void,
  ): Promise<Revoked> {
    const ids =
      target === 'all' ? (await this.parts.broker.listAppPasswords()).map((p) => p.id) : target;
    const outcomes: RevokeOutcome[] = [];
    for (const id of ids) {
      const revoked = await this.parts.broker.deleteAppPassword(id, { missingOk: true });
      await this.parts.vault.deleteAppPassword(this.mailbox, id).catch((error: unknown) => {
        if (!(error instanceof KeychainUnavailableError)) throw error; // nothing stored then
      });
      await this.parts.index.remove(this.mailbox, id);
      const outcome = { id, revoked };
      onEach?.(outcome);
      outcomes.push(outcome);
    }
    return { outcomes, mayKeepWorkingMinutes: REVOKE_DELAY_MINUTES };
  }

  /** The crash-safe rotation of this mailbox's passwords, verified by real logins. */
  rotations(): RotationManager {
    const { dataDir, broker, vault, index, ca, progress, state } = this.parts;
    return createRotationManager({
      dataDir,
      mailbox: this.mailbox,
      broker,
      vault,
      index,
      verify: loginVerifier(state.profile.mail, ca ? { ca } : {}),
      ...(progress ? { progress } : {}),
    });
  }

  /** Rotates `oldId`; without `confirm` (or when it says no) it pauses before the revoke. */
  rotate(oldId: number, confirm?: ConfirmFn): Promise<RotationResult> {
    return this.rotations().rotate(oldId, confirm ? { confirm } : {});
  }

  /**
   * Creates, stores and verifies the replacement of `oldId`, then pauses: the mail client must
   * use the new password before the old one is revoked (confirmRotation).
   */
  async startRotation(oldId: number): Promise<StartedRotation> {
    const result = await this.rotate(oldId);
    if (result.status !== 'awaiting-confirmation' || result.newId === undefined)
      throw rotationFailed(result);
    const newId = result.newId;
    const password = await this.parts.vault.readAppPassword(this.mailbox, newId);
    if (!password) {
      throw new AppPassError('rotation_secret_missing', 'failed', { params: { id: newId } });
    }
    const entry = (await this.parts.broker.listAppPasswords()).find((p) => p.id === newId);
    const known = (await this.parts.index.list(this.mailbox)).find((e) => e.id === newId);
    return { result, newId, password, entry, client: known?.client };
  }

  /** The user confirmed: revoke the old password and forget its secret. */
  async confirmRotation(oldId: number): Promise<RotationResult> {
    const result = await this.rotate(oldId, async () => true);
    if (result.status !== 'completed') throw rotationFailed(result);
    return result;
  }

  /**
   * Finishes or reconciles rotations an earlier run left behind, never asking anything; an
   * empty list when there were none.
   */
  async settleRotations(): Promise<SettledRotation[]> {
    const manager = this.rotations();
    if ((await manager.pending()).length === 0) return [];
    return manager.resumeRotations();
  }
}
