import type { RefreshTokenStore } from '../auth/index.js';
import { KeychainUnavailableError, type Vault } from '../vault/index.js';

async function unlessNoKeychain<T>(op: () => Promise<T>, otherwise: T): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return otherwise;
    throw error;
  }
}

/**
 * Refresh tokens when no keychain answers (Linux without Secret Service): the sign-in still
 * works for this run with the token in memory, nothing is written anywhere, and the next run
 * asks to sign in again. Both faces say what to install (the vault's probe).
 */
export function keychainOrMemory(vault: Vault): RefreshTokenStore {
  return {
    storeRefreshToken: (issuer, sub, token) =>
      unlessNoKeychain(() => vault.storeRefreshToken(issuer, sub, token), undefined),
    readRefreshToken: (issuer, sub) =>
      unlessNoKeychain(() => vault.readRefreshToken(issuer, sub), null),
    deleteRefreshToken: (issuer, sub) =>
      unlessNoKeychain(() => vault.deleteRefreshToken(issuer, sub), undefined),
  };
}
