import { describe, expect, it } from 'vitest';
import {
  MIN_LENGTH,
  entropyBits,
  generatePassword,
  satisfiesPolicy,
} from '../../../broker/password.js';

const lax = { length: 6, chars: false, specialChars: false, lowerUpper: false, numbers: false };
const strict = { length: 30, chars: true, specialChars: true, lowerUpper: true, numbers: true };

describe('generatePassword', () => {
  it('gives at least 24 characters and 128 bits, never starting with {', () => {
    expect(entropyBits(MIN_LENGTH)).toBeGreaterThanOrEqual(128);
    for (let i = 0; i < 500; i++) {
      const p = generatePassword(lax);
      expect(p.length).toBeGreaterThanOrEqual(24);
      expect(p.startsWith('{')).toBe(false);
      expect(/[\s"'\\<>&{}]/.test(p)).toBe(false);
    }
  });

  it('satisfies the strictest policy and a longer length', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword(strict);
      expect(p.length).toBe(30);
      expect(satisfiesPolicy(p, strict)).toBe(true);
    }
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generatePassword(lax)));
    expect(seen.size).toBe(1000);
  });

  it('refuses a policy it cannot meet', () => {
    expect(() => generatePassword({ ...lax, length: 500 })).toThrow(RangeError);
  });
});

describe('satisfiesPolicy (mailcow password_check)', () => {
  it('checks each rule', () => {
    expect(satisfiesPolicy('abcdef', lax)).toBe(true);
    expect(satisfiesPolicy('abcde', lax)).toBe(false);
    expect(satisfiesPolicy('{PLAIN}secret', lax)).toBe(false);
    expect(satisfiesPolicy('123456', { ...lax, chars: true })).toBe(false);
    expect(satisfiesPolicy('abcdef', { ...lax, specialChars: true })).toBe(false);
    expect(satisfiesPolicy('abcdef', { ...lax, lowerUpper: true })).toBe(false);
    expect(satisfiesPolicy('abcdef', { ...lax, numbers: true })).toBe(false);
    expect(satisfiesPolicy('äöü', { ...lax, length: 6 })).toBe(true); // length counts bytes
  });
});
