import type { KeychainReason } from '../../../protocol/messages.js';
import { AppPassError } from '../errors.js';

/** No OS keychain to talk to. AppPass then offers show-once; it never writes a plaintext file. */
export class KeychainUnavailableError extends AppPassError {
  constructor(
    readonly reason: KeychainReason,
    options: { cause?: unknown; platform?: NodeJS.Platform } = {},
  ) {
    // The faces say what to install on this platform (on Linux: a Secret Service provider).
    super('keychain_unavailable', 'failed', {
      params: { reason, platform: options.platform ?? process.platform },
      cause: options.cause,
    });
    this.name = 'KeychainUnavailableError';
  }
}

export class KeychainLockedError extends AppPassError {
  constructor(options?: { cause?: unknown }) {
    super('keychain_locked', 'failed', options);
    this.name = 'KeychainLockedError';
  }
}

// Messages of @napi-rs/keyring (keyring-rs + dbus-secret-service), found by experiment:
// no Secret Service on the bus, no bus at the address, no bus address at all.
const UNAVAILABLE: Array<[RegExp, KeychainReason]> = [
  [
    /org\.freedesktop\.secrets was not provided|ServiceUnknown|NameHasNoOwner/i,
    'no_secret_service',
  ],
  [
    /Failed to connect to socket|Connection refused|autolaunch|DBUS_SESSION_BUS_ADDRESS/i,
    'no_session_bus',
  ],
  [/NoStorageAccess|Couldn't access platform storage(?!.*prompt)/i, 'unreachable'],
];
const LOCKED = /unlock prompt was dismissed|is locked|IsLocked/i;

function messageChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    parts.push(e.message);
  return parts.join(' | ');
}

/** Maps a keyring library failure to a typed AppPassError (`operation`: what was tried). */
export function mapKeychainError(err: unknown, operation: string): AppPassError {
  if (err instanceof AppPassError) return err;
  const text = messageChain(err);
  if (err instanceof Error && err.name === 'AbortError') {
    return new AppPassError('keychain_timeout', 'failed', { params: { operation }, cause: err });
  }
  if (LOCKED.test(text)) return new KeychainLockedError({ cause: err });
  const unavailable = UNAVAILABLE.find(([re]) => re.test(text));
  if (unavailable) return new KeychainUnavailableError(unavailable[1], { cause: err });
  return new AppPassError('keychain_error', 'failed', {
    params: { operation, detail: text.slice(0, 300) },
    cause: err,
  });
}
