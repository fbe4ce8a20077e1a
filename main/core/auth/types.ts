import type { Vault } from '../vault/index.js';

/**
 * Where refresh tokens live: the OS keychain, through the vault, under `refresh:<issuer>#<sub>`.
 */
export type RefreshTokenStore = Pick<
  Vault,
  'storeRefreshToken' | 'readRefreshToken' | 'deleteRefreshToken'
>;

export interface Session {
  issuer: string;
  clientId: string;
  sub: string;
  email: string | undefined;
  accessToken: string;
  /** epoch ms */
  accessTokenExpiresAt: number;
  /** In memory only; persisted solely in the keychain. */
  refreshToken?: string;
  idToken?: string;
  scope?: string;
}

/** Access tokens for the broker client: refreshed before expiry, and on demand after a 401. */
export interface TokenSource {
  getAccessToken(o?: { forceRefresh?: boolean }): Promise<string>;
  session(): Session;
}

/** Connection settings shared by every auth call. */
export interface AuthNetOptions {
  /** HTTPS_PROXY / NO_PROXY / NODE_EXTRA_CA_CERTS / APPPASS_INSECURE_HTTP come from here. */
  env?: NodeJS.ProcessEnv;
}
