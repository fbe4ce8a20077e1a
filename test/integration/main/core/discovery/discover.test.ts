import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discover, type DiscoverOptions } from '../../../../../main/core/discovery/discover.js';
import type { DiscoveryDocument } from '../../../../../protocol/discovery.js';
import { mailcowAutoconfigXml } from '../../../../unit/main/core/discovery/mailcow-autoconfig.js';
import { json, silent, startRouteServer, xml, type RouteServer } from './servers.js';
import { wordedRejection } from '../../../../harness/worded.js';

const WK = '/.well-known/apppass-configuration';
const EMAIL = 'alice@example.org';

function doc(tag: string): DiscoveryDocument {
  return {
    issuer: `https://auth.example.org/${tag}/`,
    client_id: 'apppass-desktop',
    scopes: ['openid', 'email', 'offline_access'],
    broker: `https://mail.example.org/${tag}`,
    protocols: ['imap_access', 'smtp_access'],
    mail: { smtp: { host: `${tag}.example.org`, port: 465, security: 'tls' } },
  };
}

/** No DNS server on this machine: a resolver object answering like c-ares does. */
const noDns = {
  resolveSrv: () => Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })),
  resolveMx: () => Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })),
} as unknown as NonNullable<DiscoverOptions['resolver']>;

let web: RouteServer;
let dir: string;
beforeAll(async () => {
  web = await startRouteServer();
  dir = await mkdtemp(join(tmpdir(), 'apppass-discovery-'));
});
afterAll(async () => {
  await web.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  web.routes.clear();
  web.asked.length = 0;
});

/** Every host is a path prefix on the one local server. */
const opts = (o: DiscoverOptions = {}): DiscoverOptions => ({
  systemFiles: [],
  resolver: noDns,
  baseUrlFor: (host) => `${web.base}/${host}`,
  env: {},
  ...o,
});

async function writeDoc(name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

describe('discover', () => {
  it('finds the broker through https://<domain>/.well-known', async () => {
    web.routes.set(`/example.org${WK}`, json(doc('wk')));
    const r = await discover(EMAIL, opts());
    expect(r.profile).toEqual(doc('wk'));
    expect(r.sources.find((s) => s.source === 'well-known')).toMatchObject({ ok: true });
    expect(r.mailHosts.smtp?.host).toBe('wk.example.org');
  });

  it('learns the mail host from mailcow autoconfig, then reads /apppass/.well-known there', async () => {
    web.routes.set('/autoconfig.example.org/mail/config-v1.1.xml', (req, res) => {
      expect(new URL(req.url ?? '', 'http://x').searchParams.get('emailaddress')).toBe(EMAIL);
      xml(mailcowAutoconfigXml('mx.example.org'))(req, res);
    });
    web.routes.set(`/mx.example.org/apppass${WK}`, json(doc('ac')));
    const r = await discover(EMAIL, opts());
    expect(r.profile).toEqual(doc('ac'));
    const ac = r.sources.filter((s) => s.source === 'autoconfig');
    expect(ac.map((s) => s.ok)).toEqual([true, true]);
    expect(ac[0]?.detail).toBe('mail host mx.example.org');
    // smtp from the profile; imap and pop3 filled in from autoconfig
    expect(r.mailHosts).toEqual({
      smtp: { host: 'ac.example.org', port: 465, security: 'tls' },
      imap: { host: 'mx.example.org', port: 993, security: 'tls' },
      pop3: { host: 'mx.example.org', port: 995, security: 'tls' },
    });
  });

  it('reads a provisioned system file and a --config file, URL or path', async () => {
    const sys = await writeDoc('system.json', doc('sys'));
    expect((await discover(EMAIL, opts({ systemFiles: [sys] }))).profile).toEqual(doc('sys'));
    const cfg = await writeDoc('config.json', doc('cfg'));
    expect((await discover(EMAIL, opts({ config: cfg }))).profile).toEqual(doc('cfg'));
    web.routes.set('/cfg.json', json(doc('url')));
    const insecureOk = opts({
      config: `${web.base}/cfg.json`,
      env: { APPPASS_INSECURE_HTTP: '1' },
    });
    expect((await discover(EMAIL, insecureOk)).profile).toEqual(doc('url'));
  });

  it('refuses an http:// --config URL without APPPASS_INSECURE_HTTP', async () => {
    web.routes.set('/cfg.json', json(doc('url')));
    const pending = discover(EMAIL, opts({ config: `${web.base}/cfg.json` }));
    await expect(pending).rejects.toMatchObject({ code: 'invalid_config', kind: 'usage' });
    await expect(wordedRejection(pending)).rejects.toThrow(/config URL refused: insecure_http/);
    expect(web.asked).not.toContain('/cfg.json');
  });

  it('with --config, answers from that document alone and asks no other source', async () => {
    web.routes.set(`/example.org${WK}`, json(doc('wk')));
    const hangingDns = {
      resolveSrv: () => new Promise(() => undefined),
      resolveMx: () => new Promise(() => undefined),
    } as unknown as NonNullable<DiscoverOptions['resolver']>;
    const cfg = await writeDoc('cfg-only.json', doc('cfg'));
    const sys = await writeDoc('sys-ignored.json', doc('sys'));
    const r = await discover(
      EMAIL,
      opts({ config: cfg, systemFiles: [sys], resolver: hangingDns, timeoutMs: 60_000 }),
    );
    expect(r.profile).toEqual(doc('cfg'));
    expect(r.sources).toEqual([
      { source: 'config', location: cfg, ok: true, detail: expect.stringMatching(/^issuer /) },
    ]);
    expect(r.mailHosts).toEqual(doc('cfg').mail);
    expect(web.asked).toEqual([]);
  });

  it('refuses an invalid or missing --config document instead of discovering', async () => {
    web.routes.set(`/example.org${WK}`, json(doc('wk')));
    const bad = await writeDoc('bad-config.json', { ...doc('bad'), protocols: ['ftp_access'] });
    const invalid = discover(EMAIL, opts({ config: bad }));
    await expect(invalid).rejects.toMatchObject({ code: 'invalid_config', kind: 'usage' });
    await expect(wordedRejection(invalid)).rejects.toThrow(
      /invalid discovery document \(protocols/,
    );
    const absent = discover(EMAIL, opts({ config: join(dir, 'absent-config.json') }));
    await expect(wordedRejection(absent)).rejects.toThrow(/no such file/);
    expect(web.asked).toEqual([]);
  });

  it('applies the precedence config > system file > well-known > autoconfig', async () => {
    const sys = await writeDoc('sys.json', doc('sys'));
    const cfg = await writeDoc('cfg.json', doc('cfg'));
    web.routes.set(`/example.org${WK}`, json(doc('wk')));
    web.routes.set(
      '/autoconfig.example.org/mail/config-v1.1.xml',
      xml(mailcowAutoconfigXml('mx.example.org')),
    );
    web.routes.set(`/mx.example.org/apppass${WK}`, json(doc('ac')));
    const all = opts({ config: cfg, systemFiles: [sys] });
    expect((await discover(EMAIL, all)).profile?.broker).toMatch(/cfg$/);
    expect((await discover(EMAIL, { ...all, config: undefined })).profile?.broker).toMatch(/sys$/);
    expect((await discover(EMAIL, opts())).profile?.broker).toMatch(/wk$/);
    web.routes.delete(`/example.org${WK}`);
    expect((await discover(EMAIL, opts())).profile?.broker).toMatch(/ac$/);
  });

  it('skips invalid documents and says why, falling back to the next source', async () => {
    const bad = await writeDoc('bad.json', { ...doc('bad'), protocols: ['ftp_access'] });
    web.routes.set(`/example.org${WK}`, (_req, res) =>
      res.writeHead(200).end('<html>hello</html>'),
    );
    web.routes.set(
      '/autoconfig.example.org/mail/config-v1.1.xml',
      xml(mailcowAutoconfigXml('mx.example.org')),
    );
    web.routes.set(
      `/mx.example.org/apppass${WK}`,
      json({ ...doc('ac'), issuer: 'http://auth.example.org' }),
    );
    const r = await discover(EMAIL, opts({ systemFiles: [bad, join(dir, 'absent.json')] }));
    expect(r.profile).toBeNull();
    const said = Object.fromEntries(r.sources.map((s) => [`${s.source} ${s.location}`, s.detail]));
    expect(said[`system-file ${bad}`]).toMatch(/invalid discovery document \(protocols/);
    expect(said[`system-file ${join(dir, 'absent.json')}`]).toBe('no such file');
    expect(said[`well-known ${web.base}/example.org${WK}`]).toBe('the answer is not JSON');
    expect(said[`autoconfig ${web.base}/mx.example.org/apppass${WK}`]).toMatch(/insecure_http/);
    expect(r.sources.filter((s) => s.ok).map((s) => s.source)).toEqual(['autoconfig']);
  });

  it('fills mail hosts from SRV (preferring implicit TLS) and MX', async () => {
    web.routes.set(`/example.org${WK}`, json({ ...doc('wk'), mail: {} }));
    const resolver = {
      resolveSrv: async (name: string) => {
        const table: Record<
          string,
          { name: string; port: number; priority: number; weight: number }[]
        > = {
          '_imap._tcp.example.org': [
            { name: 'imap.example.org', port: 143, priority: 0, weight: 0 },
          ],
          '_imaps._tcp.example.org': [
            { name: 'imap.example.org', port: 993, priority: 0, weight: 0 },
          ],
          '_submission._tcp.example.org': [
            { name: 'smtp.example.org', port: 587, priority: 0, weight: 0 },
          ],
          '_sieve._tcp.example.org': [
            { name: 'imap.example.org', port: 4190, priority: 0, weight: 0 },
          ],
        };
        const found = table[name];
        if (!found) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
        return found;
      },
      resolveMx: async () => [{ exchange: 'mx.example.org', priority: 10 }],
    } as unknown as NonNullable<DiscoverOptions['resolver']>;
    const r = await discover(EMAIL, opts({ resolver }));
    expect(r.mailHosts).toEqual({
      imap: { host: 'imap.example.org', port: 993, security: 'tls' },
      smtp: { host: 'smtp.example.org', port: 587, security: 'starttls' },
      sieve: { host: 'imap.example.org', port: 4190, security: 'starttls' },
    });
    expect(r.sources.filter((s) => s.source === 'srv')).toHaveLength(7);
    expect(r.sources.find((s) => s.source === 'mx')).toMatchObject({
      ok: true,
      detail: 'mail exchanger mx.example.org',
    });
  });

  it('keeps the overall bound when a server never answers, and reports the silent sources', async () => {
    web.routes.set(`/example.org${WK}`, silent);
    web.routes.set('/autoconfig.example.org/mail/config-v1.1.xml', silent);
    const hangingDns = {
      resolveSrv: () => new Promise(() => undefined),
      resolveMx: () => new Promise(() => undefined),
    } as unknown as NonNullable<DiscoverOptions['resolver']>;
    const sys = await writeDoc('sys-bound.json', doc('sys'));
    const r = await discover(
      EMAIL,
      opts({ systemFiles: [sys], resolver: hangingDns, timeoutMs: 300 }),
    );
    // The system file answered; everything else is reported as late rather than awaited.
    expect(r.profile).toEqual(doc('sys'));
    const late = r.sources.filter((s) => !s.ok).map((s) => s.source);
    expect(late).toEqual(['well-known', 'autoconfig', 'srv', 'mx']);
    for (const s of r.sources.filter((s) => !s.ok)) expect(s.detail).toMatch(/deadline/);
  });

  it('stops when the caller aborts', async () => {
    web.routes.set(`/example.org${WK}`, silent);
    const ac = new AbortController();
    const pending = discover(EMAIL, opts({ signal: ac.signal, timeoutMs: 60_000 }));
    setTimeout(() => ac.abort(), 50);
    const r = await pending;
    expect(r.sources.find((s) => s.source === 'well-known')?.detail).toMatch(/deadline/);
  });

  it('rejects something that is not an email address', async () => {
    await expect(discover('not-an-address', opts())).rejects.toMatchObject({
      kind: 'usage',
      code: 'invalid_email',
    });
  });
});
