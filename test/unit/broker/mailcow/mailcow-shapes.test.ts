import { describe, expect, it } from 'vitest';
import { checkWriteResult, mailboxSegment } from '../../../../broker/mailcow/app-passwords.js';
import type { MailcowError } from '../../../../broker/mailcow/errors.js';
import { decodeName, mailcowTimeToIso } from '../../../../broker/mailcow/names.js';

describe('decodeName', () => {
  it('undoes exactly the two levels mailcow adds', () => {
    expect(decodeName('A&amp;amp;B')).toBe('A&B');
    expect(decodeName('&amp;lt;b&amp;gt; &amp;quot;x&amp;quot; &amp;#039;')).toBe('<b> "x" \'');
    expect(decodeName('typed &amp;amp;amp;')).toBe('typed &amp;');
    expect(decodeName('plain')).toBe('plain');
  });
});

describe('mailcowTimeToIso', () => {
  it('reads database local time in the configured zone', () => {
    expect(mailcowTimeToIso('2026-01-15 10:00:00', 'UTC')).toBe('2026-01-15T10:00:00.000Z');
    expect(mailcowTimeToIso('2026-01-15 10:00:00', 'Europe/Berlin')).toBe(
      '2026-01-15T09:00:00.000Z',
    );
    expect(mailcowTimeToIso('2026-07-15 10:00:00', 'Europe/Berlin')).toBe(
      '2026-07-15T08:00:00.000Z',
    );
    expect(mailcowTimeToIso('yesterday', 'UTC')).toBeNull();
  });
});

describe('mailboxSegment', () => {
  it('keeps + through nginx and PHP decoding', () => {
    expect(mailboxSegment('a+b@example.com')).toBe('a%252Bb%40example.com');
  });
});

describe('checkWriteResult', () => {
  const failure = (json: unknown, secret?: string) => {
    try {
      checkWriteResult(json, 'test', secret);
    } catch (e) {
      return e as MailcowError;
    }
    return null;
  };

  it('accepts success messages', () => {
    expect(failure([{ type: 'success', log: [], msg: 'app_passwd_added' }])).toBeNull();
    expect(failure({ type: 'success', msg: 'Task completed' })).toBeNull();
  });

  it('turns HTTP-200 danger into a typed error with the message key', () => {
    const e = failure([{ type: 'danger', log: [], msg: ['app_passwd_id_invalid', '3'] }]);
    expect(e).toMatchObject({ failure: 'danger', reason: 'app_passwd_id_invalid' });
    expect(failure({ type: 'error', msg: 'Cannot add item' })).toMatchObject({ failure: 'danger' });
  });

  it('drops a danger message that repeats the password just sent', () => {
    const pass = 'Xy7-unit-app-password-QQ';
    const e = failure([{ type: 'danger', msg: [`weak password ${pass}`] }], pass);
    expect(e).toMatchObject({ failure: 'danger', reason: 'danger' });
    expect(e?.message.includes(pass)).toBe(false);
  });

  it('refuses answers without a success message', () => {
    expect(failure([])).toMatchObject({ failure: 'bad_answer' });
    expect(failure('<html>')).toMatchObject({ failure: 'bad_answer' });
  });
});
