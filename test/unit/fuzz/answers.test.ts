import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailcowApi } from '../../../broker/mailcow/app-passwords.js';
import type { MailcowClient } from '../../../broker/mailcow/client.js';
import { createBrokerClient } from '../../../main/core/broker/client.js';
import { assertBounded, CANARY, expectClearError, noisyText } from './settings.js';

/** Bodies a broker (or a proxy in front of it) might send: JSON-ish, HTML, bytes. */
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .record({ id: fc.jsonValue(), name: noisyText, protocols: fc.jsonValue(), password: noisyText })
    .map((v) => JSON.stringify([v])),
  noisyText,
);
const status = fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503);
const contentType = fc.constantFrom('application/json', 'application/problem+json', 'text/html');

describe('fuzz: broker answers (client side)', () => {
  it('any answer is a typed result or one clear error, never with the token in it', async () => {
    await assertBounded(
      fc.asyncProperty(body, status, contentType, async (text, code, type) => {
        const broker = createBrokerClient({
          baseUrl: 'https://broker.example.test/apppass',
          tokens: { getAccessToken: async () => CANARY },
          fetch: async () =>
            new Response(code === 204 ? null : text, {
              status: code,
              headers: { 'content-type': type },
            }),
          readRetries: 0,
          backoffMs: () => 0,
        });
        for (const call of [() => broker.me(), () => broker.listAppPasswords()]) {
          try {
            const result = await call();
            expect(result).toBeTypeOf('object');
          } catch (err) {
            expectClearError(err);
          }
        }
      }),
    );
  });
});

describe('fuzz: mailcow answers (broker side)', () => {
  it('any JSON mailcow sends is parsed or refused as bad_answer, never a crash', async () => {
    await assertBounded(
      fc.asyncProperty(fc.jsonValue(), async (json) => {
        const api = new MailcowApi({ read: async () => json } as unknown as MailcowClient, 'UTC');
        for (const call of [
          () => api.listAppPasswords('alice@example.test'),
          () => api.getMailbox('alice@example.test'),
          () => api.passwordPolicy(),
        ]) {
          try {
            await call();
          } catch (err) {
            expectClearError(err);
            expect((err as { failure?: string }).failure).toBe('bad_answer');
          }
        }
      }),
    );
  });
});
