import type { MxRecord, SrvRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  lookupMx,
  lookupSrv,
  SRV_SERVICES,
  type MailResolver,
} from '../../../../../main/core/discovery/dns.js';

/** A resolver answering from a table, failing like c-ares (ENOTFOUND) otherwise. */
function tableResolver(
  srv: Record<string, SrvRecord[]>,
  mx: Record<string, MxRecord[]> = {},
): MailResolver {
  const miss = (name: string) =>
    Object.assign(new Error(`queryX ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return {
    resolveSrv: async (name: string) => srv[name] ?? Promise.reject(miss(name)),
    resolveMx: async (name: string) => mx[name] ?? Promise.reject(miss(name)),
  } as MailResolver;
}
const service = (label: string) => {
  const found = SRV_SERVICES.find((s) => s.label === label);
  if (!found) throw new Error(`no ${label}`);
  return found;
};
const imaps = service('_imaps._tcp');
const sieve = service('_sieve._tcp');

describe('lookupSrv', () => {
  it('picks the lowest priority, then the highest weight', async () => {
    const r = tableResolver({
      '_imaps._tcp.example.org': [
        { name: 'backup.example.org', port: 993, priority: 20, weight: 0 },
        { name: 'light.example.org.', port: 993, priority: 10, weight: 1 },
        { name: 'heavy.example.org.', port: 10993, priority: 10, weight: 50 },
      ],
    });
    const a = await lookupSrv(r, 'example.org', imaps);
    expect(a.endpoint).toEqual({ host: 'heavy.example.org', port: 10993, security: 'tls' });
  });

  it('treats a "." target as "not offered" (RFC 6186)', async () => {
    const r = tableResolver({
      '_sieve._tcp.example.org': [{ name: '.', port: 0, priority: 0, weight: 0 }],
    });
    const a = await lookupSrv(r, 'example.org', sieve);
    expect(a.endpoint).toBeUndefined();
    expect(a.detail).toMatch(/not offered/);
  });

  it('reports a missing record in one sentence', async () => {
    const a = await lookupSrv(tableResolver({}), 'example.org', imaps);
    expect(a).toMatchObject({ label: '_imaps._tcp.example.org', detail: 'no such record' });
  });
});

describe('lookupMx', () => {
  it('assumes implicit TLS ports on the preferred exchanger', async () => {
    const r = tableResolver(
      {},
      {
        'example.org': [
          { exchange: 'mx2.example.org', priority: 20 },
          { exchange: 'mx1.example.org', priority: 10 },
        ],
      },
    );
    const a = await lookupMx(r, 'example.org');
    expect(a.ok).toBe(true);
    expect(a.endpoints.imap).toEqual({ host: 'mx1.example.org', port: 993, security: 'tls' });
    expect(a.endpoints.smtp).toEqual({ host: 'mx1.example.org', port: 465, security: 'tls' });
  });

  it('fails plainly without MX', async () => {
    expect(await lookupMx(tableResolver({}), 'example.org')).toMatchObject({
      ok: false,
      endpoints: {},
    });
  });
});
