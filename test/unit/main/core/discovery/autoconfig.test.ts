import { describe, expect, it } from 'vitest';
import { parseAutoconfig } from '../../../../../main/core/discovery/autoconfig.js';
import { mailcowAutoconfigXml } from './mailcow-autoconfig.js';

describe('parseAutoconfig', () => {
  it('takes the mail host and the implicit-TLS servers from a mailcow answer', () => {
    const r = parseAutoconfig(mailcowAutoconfigXml('mail.example.org'), 'example.org');
    expect(r.mailHost).toBe('mail.example.org');
    expect(r.endpoints).toEqual({
      imap: { host: 'mail.example.org', port: 993, security: 'tls' },
      pop3: { host: 'mail.example.org', port: 995, security: 'tls' },
      smtp: { host: 'mail.example.org', port: 465, security: 'tls' },
    });
  });

  it('substitutes %EMAILDOMAIN% in host names', () => {
    const xml = mailcowAutoconfigXml('imap.%EMAILDOMAIN%');
    expect(parseAutoconfig(xml, 'example.net').mailHost).toBe('imap.example.net');
  });

  it('accepts a single server element (not a list)', () => {
    const xml = `<clientConfig version="1.1"><emailProvider id="x">
      <incomingServer type="imap"><hostname>m.example.org</hostname><port>143</port><socketType>STARTTLS</socketType></incomingServer>
    </emailProvider></clientConfig>`;
    expect(parseAutoconfig(xml, 'example.org').endpoints).toEqual({
      imap: { host: 'm.example.org', port: 143, security: 'starttls' },
    });
  });

  it.each([
    ['an HTML page', '<html><body>Not found</body></html>', /not a valid clientConfig/],
    ['an empty body (MAILCOW_HOSTNAME unset)', '', /not a valid clientConfig/],
    [
      'a host name with a path in it',
      mailcowAutoconfigXml('evil.example/path?x=1'),
      /no usable mail server/,
    ],
  ])('rejects %s', (_what, xml, reason) => {
    expect(() => parseAutoconfig(xml, 'example.org')).toThrow(reason);
  });
});
