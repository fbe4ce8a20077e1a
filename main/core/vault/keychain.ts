import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { KeychainLockedError, KeychainUnavailableError, mapKeychainError } from './errors.js';

/** Why the keychain cannot be used now: there is none, or it is locked. */
export type KeychainProblem = KeychainUnavailableError | KeychainLockedError;

export interface Vault {
  probe(): Promise<{ available: true } | { available: false; error: KeychainProblem }>;
  storeAppPassword(mailbox: string, id: number, secret: string): Promise<void>;
  readAppPassword(mailbox: string, id: number): Promise<string | null>;
  /** Absent is fine. */
  deleteAppPassword(mailbox: string, id: number): Promise<void>;
  storeRefreshToken(issuer: string, sub: string, token: string): Promise<void>;
  readRefreshToken(issuer: string, sub: string): Promise<string | null>;
  deleteRefreshToken(issuer: string, sub: string): Promise<void>;
}

/** Keychain account names (docs/architecture.md, "Contracts": storage on the device). */
export const appPasswordAccount = (mailbox: string, id: number): string => `${mailbox}#${id}`;
export const refreshTokenAccount = (issuer: string, sub: string): string =>
  `refresh:${issuer}#${sub}`;

const PROBE_ACCOUNT = 'apppass-probe';
/** The probe entry's value: a marker, no secret (reading it tells a locked keychain). */
const PROBE_VALUE = 'apppass:unlock-probe:1';
/** A keychain that does not answer (e.g. an unlock prompt nobody sees) must not hang the app. */
const KEYCHAIN_TIMEOUT_MS = 15_000;

// On Linux pin the Secret Service: keyring-rs could otherwise use the kernel keyutils store,
// which forgets everything at logout, a silent fallback we do not want.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

async function withEntry<T>(
  service: string,
  account: string,
  operation: string,
  use: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    // The constructor itself may throw when no store can be reached.
    const entry = new AsyncEntry(service, account, ENTRY_OPTIONS);
    return await use(entry, AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
  } catch (err) {
    throw mapKeychainError(err, operation);
  }
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * @napi-rs/keyring. There is deliberately no fallback: without a keychain every call rejects
 * with KeychainUnavailableError and the caller offers show-once.
 */
export function createVault(o: { service?: string } = {}): Vault {
  const service = o.service ?? 'apppass';
  const store = (account: string, secret: string) =>
    withEntry(service, account, 'store', (e, signal) => e.setPassword(secret, signal));
  const read = (account: string) =>
    withEntry(service, account, 'read', (e, signal) => e.getPassword(signal));
  const remove = async (account: string) => {
    await withEntry(service, account, 'delete', (e, signal) => e.deleteCredential(signal));
  };
  return {
    probe: async () => {
      try {
        // Reading a missing entry works even while the keychain is locked; reading an existing
        // one does not. So the marker is written once (that too fails while locked).
        if ((await read(PROBE_ACCOUNT)) === null) await store(PROBE_ACCOUNT, PROBE_VALUE);
        return { available: true };
      } catch (err) {
        if (!(err instanceof KeychainUnavailableError || err instanceof KeychainLockedError))
          throw err;
        return { available: false, error: err };
      }
    },
    storeAppPassword: (mailbox, id, secret) => store(appPasswordAccount(mailbox, id), secret),
    readAppPassword: (mailbox, id) => read(appPasswordAccount(mailbox, id)),
    deleteAppPassword: (mailbox, id) => remove(appPasswordAccount(mailbox, id)),
    storeRefreshToken: (issuer, sub, token) => store(refreshTokenAccount(issuer, sub), token),
    readRefreshToken: (issuer, sub) => read(refreshTokenAccount(issuer, sub)),
    deleteRefreshToken: (issuer, sub) => remove(refreshTokenAccount(issuer, sub)),
  };
}
