import { AppPassError } from '../errors.js';

/** What to install when no keychain answers; on Linux that is a Secret Service provider. */
export function keychainInstallHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    return 'Install and unlock a Secret Service keychain (gnome-keyring, e.g. `apt install gnome-keyring`, or KeePassXC with Secret Service integration enabled) in your desktop session.';
  }
  if (platform === 'darwin')
    return 'Make sure your login keychain exists and is unlocked (Keychain Access).';
  return 'Make sure Windows Credential Manager is available for your account.';
}

/** No OS keychain to talk to. AppPass then offers show-once; it never writes a plaintext file. */
export class KeychainUnavailableError extends AppPassError {
  readonly hint: string;
  constructor(reason: string, options?: { cause?: unknown; platform?: NodeJS.Platform }) {
    const hint = keychainInstallHint(options?.platform);
    super(
      'keychain_unavailable',
      `No keychain is available (${reason}). ${hint}`,
      'failed',
      options,
    );
    this.name = 'KeychainUnavailableError';
    this.hint = hint;
  }
}

export class KeychainLockedError extends AppPassError {
  constructor(options?: { cause?: unknown }) {
    super(
      'keychain_locked',
      'The keychain is locked and could not be unlocked: unlock it (or sign in to your desktop session) and try again.',
      'failed',
      options,
    );
    this.name = 'KeychainLockedError';
  }
}

// Messages of @napi-rs/keyring (keyring-rs + dbus-secret-service), found by experiment:
// no Secret Service on the bus, no bus at the address, no bus address at all.
const UNAVAILABLE: Array<[RegExp, string]> = [
  [
    /org\.freedesktop\.secrets was not provided|ServiceUnknown|NameHasNoOwner/i,
    'no Secret Service on the session bus',
  ],
  [
    /Failed to connect to socket|Connection refused|autolaunch|DBUS_SESSION_BUS_ADDRESS/i,
    'no D-Bus session bus',
  ],
  [
    /NoStorageAccess|Couldn't access platform storage(?!.*prompt)/i,
    'the keychain cannot be reached',
  ],
];
const LOCKED = /unlock prompt was dismissed|is locked|IsLocked/i;

function messageChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    parts.push(e.message);
  return parts.join(' | ');
}

/** Maps a keyring library failure to a typed AppPassError with a message for people. */
export function mapKeychainError(err: unknown, operation: string): AppPassError {
  if (err instanceof AppPassError) return err;
  const text = messageChain(err);
  if (err instanceof Error && err.name === 'AbortError') {
    return new AppPassError(
      'keychain_timeout',
      `The keychain did not answer while trying to ${operation}: is an unlock prompt waiting? Unlock it and try again.`,
      'failed',
      { cause: err },
    );
  }
  if (LOCKED.test(text)) return new KeychainLockedError({ cause: err });
  const unavailable = UNAVAILABLE.find(([re]) => re.test(text));
  if (unavailable) return new KeychainUnavailableError(unavailable[1], { cause: err });
  return new AppPassError(
    'keychain_error',
    `The keychain refused to ${operation}: ${text}`,
    'failed',
    { cause: err },
  );
}
