import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../../../protocol/csp.js';
import { externalUrl } from '../../../../main/app/external-links.js';

describe('CSP', () => {
  it('is the strict policy, header with frame-ancestors, meta without', () => {
    expect(CSP_HEADER).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CSP_META).toBe(CSP_HEADER.replace("; frame-ancestors 'none'", ''));
    expect(CSP_HEADER).not.toMatch(/unsafe-|\*/);
  });
});

describe('externalUrl', () => {
  it('lets only http(s) without credentials leave the app', () => {
    expect(externalUrl('https://mail.example.com/help')).toBe('https://mail.example.com/help');
    expect(externalUrl('http://127.0.0.1:5000/x')).toBe('http://127.0.0.1:5000/x');
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'apppass://x',
      'smb://host/share',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(externalUrl(bad)).toBeNull();
    }
  });
});
