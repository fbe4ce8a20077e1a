/**
 * The desktop app's API (main/contract.ts) on the plain-Node core. main/app registers it over
 * IPC; the e2e tests bind the same object to `window.apppass` in Chromium. Platform specifics
 * (browser opener, clipboard, event push) are injected, so nothing here imports electron.
 */
import type { AppPassEvents, AppPassInvokes, DiscoveredServer, Session } from '../contract.js';
import { createSecretHandles, type ClipboardLike } from './desktop/secrets.js';
import { discover, type DiscoverOptions } from './discovery/discover.js';
import { AppPassError } from './errors.js';

export interface DesktopPlatform {
  /** Folder for the non-secret index and the rotation journal. */
  dataDir: string;
  /** Opens a URL in the system browser. */
  openExternal(url: string): Promise<void>;
  clipboard: ClipboardLike;
  /** Pushes an event to the renderer. */
  emit<K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]): void;
  env?: NodeJS.ProcessEnv;
  /** Discovery overrides (tests point these at local servers). */
  discovery?: Omit<DiscoverOptions, 'env' | 'signal'>;
  /** Seconds before the clipboard is cleared; default 30. */
  clipboardClearSeconds?: number;
}

const notYet = (what: string) => (): never => {
  throw new AppPassError('not_available', `${what} is not available in this build yet.`);
};

async function discoverServer(email: string, p: DesktopPlatform): Promise<DiscoveredServer> {
  const result = await discover(email, { ...p.discovery, env: p.env ?? process.env });
  if (!result.profile) {
    throw new AppPassError(
      'discovery_failed',
      'No AppPass configuration was found for this address; ask your mail administrator.',
    );
  }
  const { issuer, broker, protocols } = result.profile;
  return { email: result.email, issuer, broker, protocols, mail: result.mailHosts };
}

/** Builds the API; one instance per app window. */
export function createDesktopApi(platform: DesktopPlatform): AppPassInvokes {
  const secrets = createSecretHandles({
    clipboard: platform.clipboard,
    clearAfterSeconds: platform.clipboardClearSeconds,
  });
  const signedOut: Session = { state: 'signed-out' };
  return {
    discover: (email) => discoverServer(email, platform),
    signIn: notYet('Sign-in'),
    cancelSignIn: async () => undefined,
    signOut: async () => undefined,
    session: async () => signedOut,
    listPasswords: notYet('The password list'),
    createPassword: notYet('Creating passwords'),
    copyToClipboard: async (ref) => secrets.copy(ref),
    forgetSecret: async (ref) => secrets.forget(ref),
    revokePasswords: notYet('Revoking'),
    startRotation: notYet('Rotation'),
    confirmRotation: notYet('Rotation'),
    runDoctor: notYet('The connectivity check'),
    copyDoctorReport: notYet('The report'),
    keychainStatus: async () => ({ available: false, problem: 'The keychain module is missing.' }),
  };
}
