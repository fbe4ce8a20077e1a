import {
  restoreAccount,
  signInAccount,
  signOutAccount,
  type AccountDeps,
} from '../core/account/session.js';
import type { Account } from '../core/account/account.js';
import { notSignedIn } from '../core/account/session.js';
import type { PageWording, Revocation } from '../core/auth/index.js';
import type { SignInPageText } from '../contract.js';

/** The renderer's words for the page the browser shows after the sign-in, for the core. */
export function pageWording(text: SignInPageText): PageWording {
  return (code) => ({ lang: text.lang, ...text.pages[code], close: text.close });
}

/**
 * The window's one sign-in: restored once on first use (a failed restore, e.g. the IdP being
 * down, is tried again on the next call), replaced by a browser sign-in, dropped at sign-out.
 */
export class SignInHolder {
  private current: Account | null = null;
  private restored = false;
  private restoring: Promise<Account | null> | null = null;
  private signingIn: AbortController | null = null;

  constructor(
    private readonly deps: AccountDeps,
    private readonly signInTimeoutMs?: number,
  ) {}

  /** The signed-in account; `not_signed_in` (auth) when there is none. */
  async account(): Promise<Account> {
    if (!this.current && !this.restored) {
      this.restoring ??= restoreAccount(this.deps, {
        me: true,
        withoutKeychain: 'signed-out',
      }).finally(() => (this.restoring = null));
      this.current = await this.restoring;
      this.restored = true;
    }
    if (!this.current) throw notSignedIn();
    return this.current;
  }

  /** Browser sign-in; a second call cancels the first. */
  async signIn(input: Omit<Parameters<typeof signInAccount>[1], 'signal' | 'timeoutMs'>) {
    this.signingIn?.abort();
    const controller = (this.signingIn = new AbortController());
    try {
      this.current = await signInAccount(this.deps, {
        ...input,
        signal: controller.signal,
        ...(this.signInTimeoutMs ? { timeoutMs: this.signInTimeoutMs } : {}),
      });
      this.restored = true;
      return this.current;
    } finally {
      if (this.signingIn === controller) this.signingIn = null;
    }
  }

  cancelSignIn(): void {
    this.signingIn?.abort();
  }

  /** What the IdP did with the refresh token. */
  async signOut(): Promise<Revocation> {
    const was = this.current;
    this.current = null;
    this.restored = true;
    return (await signOutAccount(this.deps, was)).revocation;
  }
}
