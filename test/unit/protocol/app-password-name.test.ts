import { describe, expect, it } from 'vitest';
import { nameProblem, storedNameLength } from '../../../protocol/app-password-name.js';

// What mailcow stores: htmlspecialchars(trim(name)) in VARCHAR(255), utf8mb4.

describe('app password names', () => {
  it('counts the escaped length mailcow stores, in code points', () => {
    expect(storedNameLength(`&<>"'`)).toBe(5 + 4 + 4 + 6 + 6);
    expect(storedNameLength('📱👨‍👩‍👧')).toBe(6); // surrogate pairs count once, joiners too
  });

  it('accepts every character class the issue names', () => {
    for (const name of ["Tom's iPhone", 'A & B', 'a <b>', 'say "hi"', 'Почта', '📱'])
      expect(nameProblem(name)).toBeNull();
  });

  it('refuses empty, "0", control characters, broken surrogates and too long', () => {
    expect(nameProblem('')?.code).toBe('name_empty');
    expect(nameProblem('0')?.code).toBe('name_empty');
    expect(nameProblem('a\tb')?.code).toBe('name_control_character');
    expect(nameProblem('\u001b[31mred')?.code).toBe('name_control_character');
    expect(nameProblem('x\ud800')?.code).toBe('name_unpaired_surrogate');
    expect(nameProblem('&'.repeat(51))).toBeNull(); // exactly 255
    expect(nameProblem('&'.repeat(52))).toEqual({ code: 'name_too_long', length: 260, max: 255 });
  });
});
