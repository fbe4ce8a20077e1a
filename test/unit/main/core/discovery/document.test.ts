import { describe, expect, it } from 'vitest';
import {
  defaultSystemFiles,
  validateDocument,
} from '../../../../../main/core/discovery/document.js';

const doc = {
  issuer: 'https://auth.example.org/application/o/apppass/',
  client_id: 'apppass-desktop',
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  broker: 'https://mail.example.org/apppass',
  protocols: ['imap_access', 'smtp_access'],
  mail: { imap: { host: 'mail.example.org', port: 993, security: 'tls' } },
};

describe('validateDocument', () => {
  it('accepts the contract example of the discovery document', () => {
    const a = validateDocument(doc);
    expect(a.doc).toEqual(doc);
    expect(a.detail).toContain('auth.example.org');
  });

  it('accepts the optional sign-in fields, and documents without them', () => {
    const withFields = {
      ...doc,
      audience: 'apppass-broker',
      resource: 'https://mail.example.org/apppass',
      prompt_consent: false,
    };
    expect(validateDocument(withFields).doc).toEqual(withFields);
    expect(validateDocument(doc).doc).not.toHaveProperty('prompt_consent');
  });

  it.each([
    ['a prompt_consent that is not a boolean', { ...doc, prompt_consent: 'yes' }, /prompt_consent/],
    ['an empty audience', { ...doc, audience: '' }, /audience/],
    ['a resource that is not a URI', { ...doc, resource: 'not a uri' }, /resource/],
    ['a missing broker', { ...doc, broker: undefined }, /broker/],
    ['an unknown protocol scope', { ...doc, protocols: ['ftp_access'] }, /protocols/],
    [
      'an unknown mail service',
      { ...doc, mail: { jmap: { host: 'x', port: 1, security: 'tls' } } },
      /mail/,
    ],
    [
      'a bad security value',
      { ...doc, mail: { imap: { host: 'x', port: 993, security: 'ssl' } } },
      /security/,
    ],
  ])('rejects %s', (_what, value, where) => {
    const a = validateDocument(value);
    expect(a.doc).toBeUndefined();
    expect(a.detail).toMatch(where);
  });

  it('refuses an http:// issuer unless APPPASS_INSECURE_HTTP=1', () => {
    const insecure = { ...doc, issuer: 'http://auth.example.org' };
    expect(validateDocument(insecure, {}).detail).toMatch(/insecure_http/);
    expect(validateDocument(insecure, { APPPASS_INSECURE_HTTP: '1' }).doc?.issuer).toBe(
      insecure.issuer,
    );
  });
});

describe('defaultSystemFiles', () => {
  it('names the provisioned file of each platform', () => {
    expect(defaultSystemFiles('linux', {})).toEqual(['/etc/apppass/config.json']);
    expect(defaultSystemFiles('darwin', {})).toEqual([
      '/Library/Application Support/AppPass/config.json',
    ]);
    expect(defaultSystemFiles('win32', { ProgramData: 'D:\\PD' })).toEqual([
      'D:\\PD\\AppPass\\config.json',
    ]);
  });
});
