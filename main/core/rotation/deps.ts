import type { Note } from '../../../protocol/messages.js';
import type { BrokerClient } from '../broker/index.js';
import type { PasswordIndex, Vault } from '../vault/index.js';
import type { RotationRecord, StepName } from './journal.js';
import type { Verifier } from './verify.js';

/** What rotation needs of the keychain and the non-secret index (the vault's). */
export type SecretStore = Pick<Vault, 'storeAppPassword' | 'readAppPassword' | 'deleteAppPassword'>;
export type PasswordIndexLike = Pick<PasswordIndex, 'list' | 'upsert' | 'remove'>;

/** A point around a step where tests inject a failure (throw) or a crash (never settle). */
export interface FaultPoint {
  step: StepName;
  when: 'before' | 'after';
  record: Readonly<RotationRecord>;
}
export type FaultHook = (point: FaultPoint) => void | Promise<void>;

export interface RotationDeps {
  /** The data folder holding the index; the journal lives beside it. */
  dataDir: string;
  /** The signed-in user's mailbox (the broker's /v1/me). */
  mailbox: string;
  broker: BrokerClient;
  vault: SecretStore;
  index: PasswordIndexLike;
  verify: Verifier;
  faults?: FaultHook;
  /** Progress for people (stderr in the CLI), as codes the face words; never a secret. */
  progress?: (note: Note) => void;
  now?: () => Date;
}

export interface ConfirmInfo {
  name: string;
  oldId: number;
  newId: number;
}
/** Asks the user whether the mail client now uses the new password; false pauses the rotation. */
export type ConfirmFn = (info: ConfirmInfo) => Promise<boolean>;
