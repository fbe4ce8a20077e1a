/**
 * The desktop app's API (main/contract.ts) on the plain-Node core. main/app registers it over
 * IPC; the e2e tests bind the same object to `window.apppass` in Chromium. Platform specifics
 * (browser opener, clipboard, event push) are injected, so nothing here imports electron.
 */
import type {
  AppInfo,
  AppPassEvents,
  AppPassInvokes,
  DiscoveredServer,
  DoctorReport,
  Session,
} from '../contract.js';
import { checkConnectivity, redactedMarkdown } from './desktop/doctor.js';
import {
  copyStoredPassword,
  createPassword,
  listPasswords,
  revokePasswords,
} from './desktop/passwords.js';
import { readSignInState } from './auth/index.js';
import { confirmRotation, startRotation } from './desktop/rotation.js';
import { createSecretHandles, type ClipboardLike } from './desktop/secrets.js';
import {
  forgetSignIn,
  profileFor,
  restoreSignIn,
  signInWithBrowser,
  type SessionDeps,
  type SignedIn,
} from './desktop/session.js';
import type { DiscoverOptions } from './discovery/discover.js';
import { AppPassError } from './errors.js';
import { createVault, type Vault } from './vault/index.js';

export interface DesktopPlatform {
  /** Folder for the sign-in state, the non-secret index and the rotation journal. */
  dataDir: string;
  /** Opens a URL in the system browser. */
  openExternal(url: string): Promise<void>;
  clipboard: ClipboardLike;
  /** Pushes an event to the renderer. */
  emit<K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]): void;
  env?: NodeJS.ProcessEnv;
  /** Discovery overrides (tests point these at local servers). */
  discovery?: Omit<DiscoverOptions, 'env' | 'signal'>;
  /** Default: the OS keychain, service "apppass". */
  vault?: Vault;
  /** Seconds before the clipboard is cleared; default 30. */
  clipboardClearSeconds?: number;
  /** Bound of a whole connectivity check; default 30 s. */
  doctorTimeoutMs?: number;
  signInTimeoutMs?: number;
  /** Extra CA certificates (PEM) for mail servers; the system store is always used. */
  ca?: string[];
  /** Version and demo flag for the window; default: version "dev", not a demo. */
  appInfo?: AppInfo;
}

/** Failures that mean "the server did not answer", not "you are signed out". */
const UNREACHABLE = new Set([
  'broker_unreachable',
  'broker_timeout',
  'broker_unavailable',
  'mailcow_unavailable',
  'idp_unreachable',
]);
const errorCode = (error: unknown): string =>
  error instanceof AppPassError ? error.code : 'internal';
const isUnreachable = (error: unknown): boolean => UNREACHABLE.has(errorCode(error));

const notSignedIn = () =>
  new AppPassError('not_signed_in', 'You are not signed in; sign in first.', 'auth');

function sessionView(s: SignedIn | null): Session {
  if (!s) return { state: 'signed-out' };
  return {
    state: 'signed-in',
    mailbox: s.state.mailbox,
    name: s.me.name || null,
    protocols: s.me.protocols,
    mail: s.state.profile.mail,
  };
}

/** The contract plus what the shell calls at quit. */
export interface DesktopApi extends AppPassInvokes {
  /** Cancels a pending sign-in and clears a copied password from the clipboard. */
  shutdown(): void;
}

/** Builds the API; one instance per app window. */
export function createDesktopApi(platform: DesktopPlatform): DesktopApi {
  const vault = platform.vault ?? createVault();
  const secrets = createSecretHandles({
    clipboard: platform.clipboard,
    clearAfterSeconds: platform.clipboardClearSeconds,
  });
  let signInUrl: string | null = null;
  const pendingSignInUrl = (): string => {
    if (!signingIn || !signInUrl) {
      throw new AppPassError('no_sign_in', 'No sign-in is waiting; start it again.');
    }
    return signInUrl;
  };
  const deps: SessionDeps = {
    dataDir: platform.dataDir,
    vault,
    env: platform.env ?? process.env,
    openExternal: async (url) => {
      signInUrl = url;
      await platform.openExternal(url);
    },
    discovery: platform.discovery,
    signInTimeoutMs: platform.signInTimeoutMs,
  };
  const core = { vault, secrets, dataDir: platform.dataDir, ca: platform.ca };
  let current: SignedIn | null = null;
  let restored = false;
  let restoring: Promise<SignedIn | null> | null = null;
  let signingIn: AbortController | null = null;
  let lastReport: DoctorReport | null = null;

  async function signedIn(): Promise<SignedIn> {
    if (!current && !restored) {
      // One restore at a time; a failed one (IdP down) is tried again on the next call.
      restoring ??= restoreSignIn(deps).finally(() => (restoring = null));
      current = await restoring;
      restored = true;
    }
    if (!current) throw notSignedIn();
    return current;
  }

  return {
    appInfo: async () => platform.appInfo ?? { version: 'dev', demo: false },
    async discover(email): Promise<DiscoveredServer> {
      const p = await profileFor(email, deps);
      const { issuer, broker, protocols, mail } = p;
      return { email, issuer, organization: p.organization ?? null, broker, protocols, mail };
    },
    async signIn(email) {
      signingIn?.abort();
      const controller = (signingIn = new AbortController());
      try {
        current = await signInWithBrowser(email, controller.signal, deps);
        restored = true;
        return sessionView(current);
      } finally {
        if (signingIn === controller) signingIn = null;
      }
    },
    async cancelSignIn() {
      signingIn?.abort();
    },
    async signOut() {
      const was = current;
      current = null;
      restored = true;
      lastReport = null;
      await forgetSignIn(was, deps);
    },
    async session() {
      try {
        return sessionView(await signedIn());
      } catch (error) {
        // Broker or IdP down at start: keep the sign-in and let the person retry.
        const kept = isUnreachable(error) ? await readSignInState(platform.dataDir) : null;
        if (kept) return { state: 'unreachable', mailbox: kept.mailbox, reason: errorCode(error) };
        if (error instanceof AppPassError && error.kind === 'auth') return sessionView(null);
        throw error;
      }
    },
    listPasswords: async () => listPasswords(await signedIn(), core),
    createPassword: async (input) => createPassword(await signedIn(), input, core),
    copyToClipboard: async (ref) => secrets.copy(ref),
    copyStoredPassword: async (id) => copyStoredPassword(await signedIn(), id, core),
    async reopenSignIn() {
      await platform.openExternal(pendingSignInUrl());
    },
    async copySignInLink() {
      platform.clipboard.writeText(pendingSignInUrl());
    },
    forgetSecret: async (ref) => secrets.forget(ref),
    revokePasswords: async (target) => revokePasswords(await signedIn(), target, core),
    startRotation: async (id) => startRotation(await signedIn(), id, core),
    confirmRotation: async (id) => confirmRotation(await signedIn(), id, core),
    async runDoctor(options) {
      lastReport = await checkConnectivity(await signedIn(), options, {
        vault,
        ca: platform.ca,
        timeoutMs: platform.doctorTimeoutMs ?? 30_000,
        onEvent: (event) => platform.emit('doctor', event),
      });
      return lastReport;
    },
    async copyDoctorReport(summary) {
      if (!lastReport) throw new AppPassError('no_report', 'Run the connectivity check first.');
      platform.clipboard.writeText(redactedMarkdown(lastReport, summary));
    },
    shutdown() {
      signingIn?.abort();
      secrets.clearClipboard();
    },
    async keychainStatus() {
      const probe = await vault.probe();
      return probe.available
        ? { available: true, problem: null }
        : { available: false, problem: probe.reason };
    },
  };
}
