import fc from 'fast-check';
import { parse } from 'plist';
import { describe, expect, it } from 'vitest';
import {
  mobileconfig,
  type MobileconfigInput,
} from '../../../../../main/core/setup/mobileconfig.js';
import { MOBILECONFIG_TEXT_EN } from '../../../../../main/cli/render/mobileconfig.js';
import { params } from '../../../fuzz/settings.js';

type Dict = Record<string, unknown>;

const INPUT: MobileconfigInput = {
  text: MOBILECONFIG_TEXT_EN,
  email: 'alice@example.org',
  displayName: 'Alice Example',
  organization: 'Example Org',
  imap: { host: 'mail.example.org', port: 993, security: 'tls' },
  smtp: { host: 'smtp.example.org', port: 587, security: 'starttls' },
};

/** The profile as Apple's own format reads it (plist, an independent parser). */
function read(input: MobileconfigInput): { profile: Dict; mail: Dict } {
  const profile = parse(mobileconfig(input)) as Dict;
  const [mail] = profile.PayloadContent as Dict[];
  return { profile, mail: mail ?? {} };
}

describe('mobileconfig (Apple Mail / iOS configuration profile)', () => {
  it('has one com.apple.mail.managed payload with IMAP in and SMTP out, user = full address', () => {
    const { profile, mail } = read(INPUT);
    expect(profile).toMatchObject({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadDisplayName: 'alice@example.org',
      PayloadIdentifier: 'org.example.alice.appleprofile.apppass',
      PayloadOrganization: 'Example Org',
      PayloadRemovalDisallowed: false,
    });
    expect(profile.PayloadContent).toHaveLength(1);
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      PayloadIdentifier: 'org.example.alice.appleprofile.apppass.email',
      EmailAccountType: 'EmailTypeIMAP',
      EmailAccountName: 'Alice Example',
      EmailAddress: 'alice@example.org',
      IncomingMailServerHostName: 'mail.example.org',
      IncomingMailServerPortNumber: 993,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: 'alice@example.org',
      IncomingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerHostName: 'smtp.example.org',
      OutgoingMailServerPortNumber: 587,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerUsername: 'alice@example.org',
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(mail.PayloadUUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(mail.PayloadUUID).not.toBe(profile.PayloadUUID);
  });

  it('leaves the password out unless asked, so Apple asks for it on install', () => {
    const { mail } = read(INPUT);
    expect(
      Object.keys(mail).filter(
        (k) => /password/i.test(k) && k !== 'OutgoingPasswordSameAsIncomingPassword',
      ),
    ).toEqual([]);
    const withPassword = read({ ...INPUT, password: 'Secret-&<pw>' }).mail;
    expect(withPassword.IncomingPassword === 'Secret-&<pw>').toBe(true);
  });

  it('uses no TLS only for an endpoint without security; no name means the address', () => {
    const { mail, profile } = read({
      ...INPUT,
      displayName: null,
      organization: null,
      smtp: { host: 'smtp.example.org', port: 25, security: 'none' },
    });
    expect(mail.OutgoingMailServerUseSSL).toBe(false);
    expect(mail.EmailAccountName).toBe('alice@example.org');
    expect(profile.PayloadOrganization).toBe('example.org');
  });

  it('any name, organisation, address, host and password round-trips through a plist parser', () => {
    // XML 1.0 cannot carry most control characters: those are dropped, everything else stays.
    const xmlSafe = (s: string) =>
      s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('</string><key>IncomingPassword</key><string>x', ']]>', '&amp;', '\r\n\r'),
    );
    fc.assert(
      fc.property(text, text, text, text, text, (name, org, local, host, password) => {
        const email = `${local}@${host}`;
        const endpoint = { host, port: 993, security: 'tls' as const };
        const { profile, mail } = read({
          text: MOBILECONFIG_TEXT_EN,
          email,
          displayName: name,
          organization: org,
          imap: endpoint,
          smtp: endpoint,
          password,
        });
        expect(profile.PayloadContent).toHaveLength(1);
        expect(mail.EmailAccountName).toBe(xmlSafe(name));
        expect(profile.PayloadOrganization).toBe(xmlSafe(org));
        expect(mail.EmailAddress).toBe(xmlSafe(email));
        expect(mail.IncomingMailServerHostName).toBe(xmlSafe(host));
        expect(mail.IncomingPassword === xmlSafe(password)).toBe(true);
      }),
      params,
    );
  });
});
