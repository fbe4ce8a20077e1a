import fc from 'fast-check';
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { imapLoginVerdict } from '../../../main/core/diagnostics/auth/imap.js';
import { DIALECTS } from '../../../main/core/diagnostics/dialects.js';
import { LineConn } from '../../../main/core/diagnostics/line-conn.js';
import { secretForms } from '../../../main/core/diagnostics/redact.js';
import type { CheckFailure } from '../../../main/core/diagnostics/verdicts.js';
import { StepTimeout } from '../../../main/core/diagnostics/verdicts.js';
import { assertBounded, CANARY, noisyText } from './settings.js';

const SERVICES = ['imap', 'smtp', 'pop3', 'sieve'] as const;
const PREFIXES = [
  '* OK ',
  '* CAPABILITY ',
  '* ',
  'L1 NO ',
  'L1 OK ',
  '+ ',
  '250-',
  '250 ',
  '220 ',
  '+OK',
  '-ERR ',
  '.',
  '"SASL" ',
  '"STARTTLS"',
  'OK ',
  'NO ',
  'BYE ',
];
const serverLine = fc.tuple(fc.constantFrom(...PREFIXES), noisyText).map(([p, rest]) => p + rest);
const lines = fc.array(serverLine, { maxLength: 30 });

/** A socket stand-in that delivers `chunks` as if from the network. */
function feed(chunks: string[]): Socket {
  const s = new Duplex({ read() {}, write: (_c, _e, cb) => cb() });
  for (const c of chunks) s.push(Buffer.from(c, 'latin1'));
  return s as unknown as Socket;
}

describe('fuzz: IMAP/SMTP/POP3/ManageSieve server lines', () => {
  it('every dialect reads any lines without throwing', async () => {
    await assertBounded(
      fc.property(fc.constantFrom(...SERVICES), lines, (service, ls) => {
        const d = DIALECTS[service];
        d.greetingDone(ls);
        d.greetingOk(ls);
        d.capsCommand(ls);
        d.capsDone(ls);
        d.starttlsDone(ls);
        d.starttlsOk(ls);
        const caps = d.parseCaps(ls);
        expect(Array.isArray(caps.mechanisms)).toBe(true);
      }),
    );
  });

  it('a login reply becomes a verdict whose detail never repeats the password', async () => {
    const secrets = secretForms('alice@example.test', CANARY);
    await assertBounded(
      fc.property(serverLine, (reply) => {
        const verdict = imapLoginVerdict(reply, secrets);
        expect(verdict === undefined || verdict.message.includes(CANARY) === false).toBe(true);
      }),
    );
  });

  it('the line reader ends any byte stream with lines, a protocol_error or its timeout', async () => {
    const chunk = fc.oneof(
      serverLine.map((l) => `${l}\r\n`),
      noisyText,
      fc.string({ unit: 'binary' }),
    );
    await assertBounded(
      fc.asyncProperty(fc.array(chunk, { maxLength: 20 }), async (chunks) => {
        const conn = new LineConn(feed(chunks));
        try {
          await conn.read((ls) => ls.length > 3, 5, 'greeting');
        } catch (err) {
          const verdict = err instanceof StepTimeout ? 'timeout' : (err as CheckFailure).verdict;
          expect(verdict).toMatch(/^(protocol_error|timeout)$/);
        } finally {
          conn.close();
        }
      }),
    );
  });
});
