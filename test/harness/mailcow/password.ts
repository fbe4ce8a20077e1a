import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { looseEqualStrings, phpEmpty, phpString } from './php.js';

/** mailcow's password policy (Redis hash PASSWD_POLICY); rules are 0/1, length in bytes. */
export interface PasswordPolicy {
  length: number;
  chars: number;
  special_chars: number;
  lowerupper: number;
  numbers: number;
}

export const DEFAULT_POLICY: PasswordPolicy = {
  length: 6,
  chars: 0,
  special_chars: 0,
  lowerupper: 0,
  numbers: 0,
};

/** password_check(p1, p2): null when fine, else the translation key mailcow answers with. */
export function passwordCheck(
  policy: PasswordPolicy,
  p1: unknown,
  p2: unknown,
): null | 'password_complexity' | 'password_mismatch' {
  if (phpEmpty(p1) || phpEmpty(p2)) return 'password_complexity';
  const a = phpString(p1);
  if (!looseEqualStrings(a, phpString(p2))) return 'password_mismatch';
  const failed =
    Buffer.byteLength(a, 'utf8') < policy.length ||
    (policy.special_chars === 1 && !/[^a-zA-Z0-9]/.test(a)) ||
    (policy.chars === 1 && !/[a-zA-Z]/.test(a)) ||
    (policy.numbers === 1 && !/[0-9]/.test(a)) ||
    (policy.lowerupper === 1 && !(/[a-z]/.test(a) && /[A-Z]/.test(a)));
  return failed ? 'password_complexity' : null;
}

// hash_password(): values that already start with a known {SCHEME} are stored as given.
const PREHASHED =
  /^\{(ARGON2I|ARGON2ID|BLF-CRYPT|CLEAR|CLEARTEXT|CRYPT|DES-CRYPT|LDAP-MD5|MD5|MD5-CRYPT|PBKDF2|PLAIN|PLAIN-MD4|PLAIN-MD5|PLAIN-TRUNC|SHA|SHA1|SHA256|SHA256-CRYPT|SHA512|SHA512-CRYPT|SMD5|SSHA|SSHA256|SSHA512)\}/i;

/**
 * The emulator hashes with {SSHA512} (a scheme mailcow supports and Dovecot verifies):
 * base64(sha512(password + salt) + salt). Real mailcow defaults to {BLF-CRYPT}.
 */
export function hashPassword(password: string): string {
  if (PREHASHED.test(password)) return password;
  const salt = randomBytes(16);
  const digest = createHash('sha512').update(password, 'utf8').update(salt).digest();
  return `{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/**
 * verify_hash() (functions.inc.php) for the schemes the emulator stores: {SSHA512} and the
 * pre-hashed plaintext schemes a caller may pass through (hash_password() keeps them as given).
 */
export function verifyHash(hash: string, password: string): boolean {
  const m = /^\{([A-Z0-9-]+)\}(.*)$/is.exec(hash);
  if (!m) return false;
  const [, scheme = '', rest = ''] = m;
  switch (scheme.toUpperCase()) {
    case 'SSHA512': {
      const raw = Buffer.from(rest, 'base64');
      if (raw.length <= 64) return false;
      const salt = raw.subarray(64);
      const digest = createHash('sha512').update(password, 'utf8').update(salt).digest();
      return timingSafeEqual(digest, raw.subarray(0, 64));
    }
    case 'PLAIN':
    case 'CLEAR':
    case 'CLEARTEXT':
      return rest === password;
    default:
      return false;
  }
}
