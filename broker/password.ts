import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from './mailcow/app-passwords.js';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// No quotes, backslash, space, `{` (mailcow reads `{SCHEME}` as a pre-hashed value) or `&<>`
// (mailcow's own XML profiles once broke on `&`).
const SPECIAL = '-_.!@#%+=?~*';
const ALPHABET = LOWER + UPPER + DIGITS + SPECIAL;

export const MIN_LENGTH = 24;
const MAX_LENGTH = 128;

/** Bits of entropy of a uniformly random password of `length` characters from our alphabet. */
export function entropyBits(length: number): number {
  return length * Math.log2(ALPHABET.length);
}

/**
 * A crypto-random app password: at least 24 characters (>= 128 bits), never starting with `{`,
 * holding a lower-case and an upper-case letter, a digit and a special character, so that any
 * mailcow policy (length, chars, special_chars, lowerupper, numbers) is met.
 */
export function generatePassword(policy: PasswordPolicy): string {
  const length = Math.max(MIN_LENGTH, policy.length);
  if (length > MAX_LENGTH)
    throw new RangeError(`mailcow's password policy asks for ${length} characters`);
  for (;;) {
    let p = '';
    for (let i = 0; i < length; i++) p += ALPHABET[randomInt(ALPHABET.length)];
    if (
      satisfiesPolicy(p, {
        ...policy,
        chars: true,
        specialChars: true,
        lowerUpper: true,
        numbers: true,
      })
    )
      return p;
  }
}

/** mailcow's password_check: length in bytes, and each enabled character rule. */
export function satisfiesPolicy(p: string, policy: PasswordPolicy): boolean {
  if (p.startsWith('{')) return false;
  if (Buffer.byteLength(p) < policy.length) return false;
  if (policy.chars && !/[A-Za-z]/.test(p)) return false;
  if (policy.specialChars && !/[^A-Za-z0-9]/.test(p)) return false;
  if (policy.lowerUpper && !(/[a-z]/.test(p) && /[A-Z]/.test(p))) return false;
  if (policy.numbers && !/[0-9]/.test(p)) return false;
  return true;
}
