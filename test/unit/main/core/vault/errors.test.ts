import { errorText } from '../../../../../main/cli/render/errors.js';
import { describe, expect, it } from 'vitest';
import {
  KeychainLockedError,
  KeychainUnavailableError,
  mapKeychainError,
} from '../../../../../main/core/vault/index.js';

// The messages below are what @napi-rs/keyring 2.1 threw in experiments on the bench.
const libraryError = (message: string) =>
  Object.assign(new Error(`Platform failure: ${message}`), {
    code: 'GenericFailure',
    cause: new Error(message),
  });

describe('mapKeychainError', () => {
  it.each([
    [
      'DBus error: The name org.freedesktop.secrets was not provided by any .service files',
      /no Secret Service/,
    ],
    [
      'DBus error: Failed to connect to socket /run/user/1/bus: No such file or directory',
      /no D-Bus session bus/,
    ],
    [
      'DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      /no D-Bus session bus/,
    ],
  ])('maps "%s" to keychain_unavailable with an install hint', (message, reason) => {
    const err = mapKeychainError(libraryError(message), 'store');
    expect(err).toBeInstanceOf(KeychainUnavailableError);
    expect(err.code).toBe('keychain_unavailable');
    expect(errorText(err)).toMatch(reason);
    expect(errorText(err)).toMatch(/gnome-keyring|Keychain|Credential Manager/);
  });

  it('maps a dismissed unlock prompt to keychain_locked', () => {
    const err = mapKeychainError(
      new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"),
      'store',
    );
    expect(err).toBeInstanceOf(KeychainLockedError);
    expect(err.code).toBe('keychain_locked');
  });

  it('maps an abort (timeout) to keychain_timeout and anything else to keychain_error', () => {
    expect(
      mapKeychainError(new DOMException('timed out', 'AbortError'), 'read a secret').code,
    ).toBe('keychain_timeout');
    expect(mapKeychainError(new Error('Ambiguous'), 'read a secret').code).toBe('keychain_error');
  });
});
