import { said } from '../../harness/worded.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAutoconfig } from '../../../main/core/discovery/autoconfig.js';
import { validateDocument } from '../../../main/core/discovery/document.js';
import { assertBounded, CANARY, expectClearError, noisyText } from './settings.js';

const VALID = {
  issuer: 'https://auth.example.com/',
  client_id: 'apppass-desktop',
  scopes: ['openid', 'email', 'offline_access'],
  broker: 'https://mail.example.com/apppass',
  protocols: ['imap_access', 'smtp_access'],
  mail: { imap: { host: 'mail.example.com', port: 993, security: 'tls' } },
};

/** The valid document with one field replaced by anything. */
const mutatedDocument = fc
  .tuple(fc.constantFrom(...Object.keys(VALID)), fc.jsonValue())
  .map(([key, value]) => ({ ...VALID, [key]: value }));

const AUTOCONFIG_PARTS = [
  '<?xml version="1.0"?>',
  '<clientConfig version="1.1">',
  '<emailProvider id="example.com">',
  '<incomingServer type="imap">',
  '<incomingServer type="pop3">',
  '<outgoingServer type="smtp">',
  '<hostname>mail.example.com</hostname>',
  '<port>993</port>',
  '<port>99999999</port>',
  '<socketType>SSL</socketType>',
  '<socketType>STARTTLS</socketType>',
  '</incomingServer>',
  '</outgoingServer>',
  '</emailProvider>',
  '</clientConfig>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '&a;&a;&a;',
  '<![CDATA[',
  CANARY,
];
/** XML-ish text: autoconfig's own pieces in any order, with noise in between. */
const autoconfigText = fc
  .array(fc.oneof(fc.constantFrom(...AUTOCONFIG_PARTS), noisyText), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('fuzz: discovery document', () => {
  it('never throws: any JSON is a document or one clear note', async () => {
    await assertBounded(
      fc.property(fc.oneof(fc.jsonValue(), mutatedDocument), (value) => {
        const answer = validateDocument(value, {});
        const text = `${said(answer)} ${JSON.stringify(answer.note.params)}`;
        expect(text.length).toBeLessThan(1200);
        if (!answer.doc) expect(text.includes(CANARY)).toBe(false);
      }),
    );
  });
});

describe('fuzz: autoconfig XML', () => {
  it('parses or refuses with a clear error, never anything else', async () => {
    await assertBounded(
      fc.property(autoconfigText, (xml) => {
        try {
          const result = parseAutoconfig(xml, 'example.com');
          expect(typeof result.mailHost).toBe('string');
        } catch (err) {
          expectClearError(err);
        }
      }),
    );
  });
});
