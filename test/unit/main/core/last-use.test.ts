import { describe, expect, it } from 'vitest';
import {
  describeLastUse,
  stalePasswords,
  tellsLastUse,
  timeAgo,
} from '../../../../main/core/last-use.js';
import { lastUseText } from '../../../../main/cli/last-use-text.js';
import { secondsLeft, newestPerPassword } from '../../../../broker/mailcow/activity.js';
import { isStale } from '../../../../broker/last-used.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const DAY = 86_400_000;

describe('last use, as the faces tell it', () => {
  it('picks the largest whole unit', () => {
    expect(timeAgo('2026-12-02T11:59:30Z', NOW)).toEqual({ unit: 'second', count: 30 });
    expect(timeAgo('2026-12-02T09:59:00Z', NOW)).toEqual({ unit: 'hour', count: 2 });
    expect(timeAgo('2026-11-01T12:00:00Z', NOW)).toEqual({ unit: 'month', count: 1 });
    expect(timeAgo('2026-12-03T12:00:00Z', NOW)).toEqual({ unit: 'second', count: 0 });
  });

  it("reads mailcow's internal label and words it for the command line", () => {
    const internal = {
      at: '2026-12-02T09:59:00Z',
      service: 'imap',
      address: 'Web/EAS/Internal (10.0.0.4)',
    };
    expect(describeLastUse(internal, NOW)).toMatchObject({
      service: 'IMAP',
      address: '10.0.0.4',
      internal: true,
    });
    const pub = {
      at: '2026-12-02T09:59:00Z',
      service: 'imap',
      address: '203.0.113.5',
      country: 'DE',
    };
    expect(lastUseText(pub, NOW)).toBe('IMAP, 2 hours ago, from 203.0.113.5 (DE)');
    expect(lastUseText(null, NOW)).toBe('not seen');
    expect(lastUseText(undefined, NOW)).toBe('');
  });

  it('knows when a broker does not tell (old brokers)', () => {
    expect(tellsLastUse([{}, {}])).toBe(false);
    expect(tellsLastUse([{ lastUsed: null }])).toBe(true);
    expect(stalePasswords([{ stale: true }, { stale: false }, {}])).toEqual([{ stale: true }]);
  });
});

describe('the broker side', () => {
  it('turns mailcow\'s "00h 12m 03s" into seconds, hours past 99 too', () => {
    expect(secondsLeft('00h 12m 03s')).toBe(723);
    expect(secondsLeft('120h 00m 00s')).toBe(432_000);
    expect(secondsLeft('soon')).toBeNull();
  });

  it('keeps the newest row per app password and leaves out the mailbox password (0)', () => {
    const rows = [
      {
        real_rip: '203.0.113.5',
        datetime: '2026-12-02 10:00:00',
        service: 'imap',
        app_password: 3,
        location: 'DE',
      },
      {
        real_rip: '198.51.100.1',
        datetime: '2026-12-02 11:00:00',
        service: 'smtp',
        app_password: 3,
        location: false,
      },
      {
        real_rip: '198.51.100.1',
        datetime: '2026-12-02 11:30:00',
        service: 'imap',
        app_password: 0,
      },
    ];
    const m = newestPerPassword(rows, 'UTC');
    expect([...m.keys()]).toEqual([3]);
    expect(m.get(3)).toEqual({
      at: '2026-12-02T11:00:00.000Z',
      service: 'smtp',
      address: '198.51.100.1',
    });
  });

  it('marks stale after 7 unseen days from creation, or staleDays since last use', () => {
    const created = new Date(NOW - 8 * DAY).toISOString();
    expect(isStale({ created }, null, NOW, 90)).toBe(true);
    expect(isStale({ created: new Date(NOW - 6 * DAY).toISOString() }, null, NOW, 90)).toBe(false);
    const seen = (days: number) => ({
      at: new Date(NOW - days * DAY).toISOString(),
      service: 'imap',
      address: 'x',
    });
    expect(isStale({ created }, seen(89), NOW, 90)).toBe(false);
    expect(isStale({ created }, seen(91), NOW, 90)).toBe(true);
  });
});
