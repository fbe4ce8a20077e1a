import { describe, expect, it } from 'vitest';
import { codesDe } from '../../../renderer/src/i18n/codes-de.js';
import { codesEn } from '../../../renderer/src/i18n/codes-en.js';
import { errorDetails, errorText } from '../../../renderer/src/messages.js';

// The desktop's worded errors carry the particulars the command shows (host, HTTP status, what
// the server said), without repeating what the sentence already says.

describe('error particulars', () => {
  it('names the host and the HTTP status, the same in both languages', () => {
    const down = { code: 'broker_unavailable', params: { status: 502 } };
    expect(errorDetails(codesEn, down)).toBe('HTTP 502');
    expect(errorDetails(codesDe, down)).toBe('HTTP 502');
    const unreachable = { code: 'broker_unreachable', params: { host: 'broker.example.org' } };
    expect(errorDetails(codesEn, unreachable)).toBe('broker.example.org');
    const idp = {
      code: 'idp_unreachable',
      params: { origin: 'https://id.example.org', reason: 'ECONNREFUSED' },
    };
    expect(errorDetails(codesDe, idp)).toBe('https://id.example.org, ECONNREFUSED');
  });

  it('adds what the server said, quoted, after the status', () => {
    const mailcow = { code: 'mailcow_unavailable', params: { status: 504, said: 'API timeout' } };
    expect(errorDetails(codesEn, mailcow)).toBe('HTTP 504, “API timeout”');
  });

  it('leaves out what the sentence already says, and has none for an error without any', () => {
    const expired = { code: 'signin_required', params: { host: 'id.example.org' } };
    expect(errorText(codesEn, expired)).toContain('id.example.org');
    expect(errorDetails(codesEn, expired)).toBeNull();
    const forbidden = { code: 'broker_forbidden', params: { status: 403, said: 'not yours' } };
    expect(errorDetails(codesEn, forbidden)).toBe('HTTP 403');
    expect(errorDetails(codesEn, { code: 'no_report', params: {} })).toBeNull();
  });
});
