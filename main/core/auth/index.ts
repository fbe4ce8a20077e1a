// Sign-in at the organisation's IdP (openid-client), access tokens for the broker, sign-out.
export {
  authorizationHints,
  signIn,
  type AuthorizationHints,
  type SignInOptions,
} from './sign-in.js';
export { createTokenSource, restoreSession, type TokenSourceOptions } from './token-source.js';
export { signOut, type Revocation, type SignOutResult } from './sign-out.js';
export { connectIssuer } from './issuer.js';
export type { PageWords, PageWording } from './loopback.js';
export type { AuthNetOptions, RefreshTokenStore, Session, TokenSource } from './types.js';
export {
  clearSignInState,
  readSignInState,
  signInState,
  writeSignInState,
  type SignInState,
} from './sign-in-state.js';
