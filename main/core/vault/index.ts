// The vault: secrets in the OS keychain, the non-secret index beside the app's data.
export { createVault, appPasswordAccount, refreshTokenAccount, type Vault } from './keychain.js';
export { KeychainUnavailableError, KeychainLockedError, mapKeychainError } from './errors.js';
export {
  openPasswordIndex,
  INDEX_FILE,
  type IndexEntry,
  type PasswordIndex,
} from './password-index.js';
export { defaultDataDir } from './data-dir.js';
export { writeFileAtomic } from './atomic-file.js';
export { withDataDirLock, LOCK_NAME } from './data-lock.js';
