import { describe, expect, it } from 'vitest';
import { resultPage } from '../../../../../main/core/auth/loopback.js';

describe('resultPage', () => {
  it('escapes the message and loads nothing from elsewhere', () => {
    const page = resultPage(false, '<script>alert(1)</script> & "quotes"');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;');
    expect(page).not.toMatch(/\b(src|href)=/);
    expect(page).toContain('AppPass sign-in failed');
  });

  it('says signed in on success', () => {
    expect(resultPage(true, 'You are signed in.')).toContain('<h1>Signed in to AppPass</h1>');
  });
});
