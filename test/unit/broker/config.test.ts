import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, fileKey, loadConfig } from '../../../broker/config.js';
import { buildDiscoveryDocument } from '../../../broker/routes/public.js';

const KEY = 'ABCDEF-123456-ABCDEF-123456-ABCDEF';
const base = {
  APPPASS_PUBLIC_URL: 'https://mail.example.com/apppass/',
  APPPASS_MAILCOW_URL: 'https://mail.example.com',
  APPPASS_MAILCOW_API_KEY: KEY,
  APPPASS_ISSUER: 'https://auth.example.com/application/o/apppass/',
  APPPASS_CLIENT_ID: 'apppass-desktop',
};

function refusal(env: Record<string, string | undefined>, argv: string[] = []): string {
  try {
    loadConfig(env, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('configuration was accepted');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      listen: { host: '127.0.0.1', port: 8787 },
      publicUrl: 'https://mail.example.com/apppass',
      protocols: ['imap_access', 'smtp_access'],
      maxPerMailbox: 20,
      mailHost: 'mail.example.com',
      audience: null,
      allowedDomains: null,
      auditLog: null,
      trustUnverifiedEmail: false,
      insecureHttp: false,
      trustedProxies: [],
    });
  });

  it.each([
    ['APPPASS_ISSUER', { APPPASS_ISSUER: undefined }],
    ['APPPASS_CLIENT_ID', { APPPASS_CLIENT_ID: '' }],
    ['APPPASS_PUBLIC_URL', { APPPASS_PUBLIC_URL: undefined }],
    ['APPPASS_MAILCOW_URL', { APPPASS_MAILCOW_URL: undefined }],
    ['APPPASS_MAILCOW_API_KEY', { APPPASS_MAILCOW_API_KEY: undefined }],
    ['APPPASS_ISSUER', { APPPASS_ISSUER: 'http://auth.example.com' }],
    ['APPPASS_MAILCOW_URL', { APPPASS_MAILCOW_URL: 'not a url' }],
    ['APPPASS_LISTEN', { APPPASS_LISTEN: '8787' }],
    ['APPPASS_PROTOCOLS', { APPPASS_PROTOCOLS: 'imap_access,ftp_access' }],
    ['APPPASS_MAX_PER_MAILBOX', { APPPASS_MAX_PER_MAILBOX: 'many' }],
    ['APPPASS_TRUST_UNVERIFIED_EMAIL', { APPPASS_TRUST_UNVERIFIED_EMAIL: 'yes' }],
    ['APPPASS_TRUSTED_PROXIES', { APPPASS_TRUSTED_PROXIES: '10.0.0.0/99' }],
    [
      'APPPASS_MAILCOW_API_KEY_FILE',
      { APPPASS_MAILCOW_API_KEY: undefined, APPPASS_MAILCOW_API_KEY_FILE: '/nonexistent/key' },
    ],
  ])('refuses with one line naming %s', (variable, change) => {
    const line = refusal({ ...base, ...change });
    expect(line).toContain(variable);
    expect(line).not.toContain('\n');
  });

  it('never repeats a malformed key in its refusal', () => {
    const line = refusal({ ...base, APPPASS_MAILCOW_API_KEY: 'secret key with spaces' });
    expect(line).toContain('APPPASS_MAILCOW_API_KEY');
    expect(line.includes('secret key')).toBe(false);
  });

  it('never repeats a --config file that is not valid JSON (it may hold the key)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apppass-cfg-'));
    const file = join(dir, 'broker.json');
    writeFileSync(file, `{"mailcowApiKey": ${KEY}}`);
    const line = refusal({}, ['--config', file]);
    expect(line).toContain('not valid JSON');
    expect(line.includes(KEY.slice(0, 6))).toBe(false);
  });

  it('never repeats credentials of a URL it refuses', () => {
    const line = refusal({ ...base, APPPASS_MAILCOW_URL: 'http://admin:hunter2@mail.example.com' });
    expect(line).toContain('APPPASS_MAILCOW_URL');
    expect(line.includes('hunter2')).toBe(false);
  });

  it('allows http:// only with APPPASS_INSECURE_HTTP=1', () => {
    const env = {
      ...base,
      APPPASS_ISSUER: 'http://127.0.0.1:9000',
      APPPASS_MAILCOW_URL: 'http://127.0.0.1:9001',
    };
    expect(refusal(env)).toContain('APPPASS_INSECURE_HTTP');
    expect(loadConfig({ ...env, APPPASS_INSECURE_HTTP: '1' }).issuer).toBe('http://127.0.0.1:9000');
  });

  it('reads the key from a file, trimmed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apppass-cfg-'));
    writeFileSync(join(dir, 'key'), `${KEY}\n`);
    const c = loadConfig({
      ...base,
      APPPASS_MAILCOW_API_KEY: undefined,
      APPPASS_MAILCOW_API_KEY_FILE: join(dir, 'key'),
    });
    expect(c.mailcowApiKey).toBe(KEY);
  });

  it('reads --config file.json in lower camel case; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apppass-cfg-'));
    const file = join(dir, 'broker.json');
    writeFileSync(
      file,
      JSON.stringify({
        publicUrl: base.APPPASS_PUBLIC_URL,
        mailcowUrl: base.APPPASS_MAILCOW_URL,
        mailcowApiKey: KEY,
        issuer: base.APPPASS_ISSUER,
        clientId: 'from-file',
        allowedDomains: ['Example.com', 'example.org'],
        maxPerMailbox: 5,
        trustUnverifiedEmail: true,
      }),
    );
    const c = loadConfig({ APPPASS_CLIENT_ID: 'from-env' }, ['--config', file]);
    expect(c.clientId).toBe('from-env');
    expect(c.allowedDomains).toEqual(['example.com', 'example.org']);
    expect(c.maxPerMailbox).toBe(5);
    expect(c.trustUnverifiedEmail).toBe(true);
    expect(refusal({}, ['--config', join(dir, 'missing.json')])).toContain('--config');
  });

  it('maps variable names to file keys', () => {
    expect(fileKey('APPPASS_MAILCOW_API_KEY_FILE')).toBe('mailcowApiKeyFile');
    expect(fileKey('APPPASS_TRUST_UNVERIFIED_EMAIL')).toBe('trustUnverifiedEmail');
  });

  it('advertises the mail ports mailcow.conf moved (IMAPS_PORT, SMTPS_PORT, POPS_PORT, SIEVE_PORT)', () => {
    const c = loadConfig({
      ...base,
      APPPASS_PROTOCOLS: 'imap_access,smtp_access,pop3_access,sieve_access',
      APPPASS_IMAPS_PORT: '10993',
      APPPASS_SMTPS_PORT: '10465',
      APPPASS_POPS_PORT: '10995',
      APPPASS_SIEVE_PORT: '14190',
    });
    expect(buildDiscoveryDocument(c).mail).toEqual({
      imap: { host: 'mail.example.com', port: 10993, security: 'tls' },
      smtp: { host: 'mail.example.com', port: 10465, security: 'tls' },
      pop3: { host: 'mail.example.com', port: 10995, security: 'tls' },
      sieve: { host: 'mail.example.com', port: 14190, security: 'starttls' },
    });
    expect(buildDiscoveryDocument(loadConfig(base)).mail.imap?.port).toBe(993);
    expect(refusal({ ...base, APPPASS_IMAPS_PORT: '99999' })).toContain('APPPASS_IMAPS_PORT');
  });

  it('takes a Redis URL without ever repeating it (it carries REDISPASS)', () => {
    const url = 'redis://:Secr3tRedisPassw0rd@redis-mailcow:6379/0';
    expect(loadConfig({ ...base, APPPASS_REDIS_URL: url }).redisUrl).toBe(url);
    expect(loadConfig(base).redisUrl).toBeNull();
    const refused = refusal({ ...base, APPPASS_REDIS_URL: 'http://:Secr3tRedisPassw0rd@x/' });
    expect(refused).toContain('APPPASS_REDIS_URL');
    expect(refused.includes('Secr3tRedisPassw0rd')).toBe(false);
  });

  it('reads APPPASS_MAILCOW_CA_FILE and refuses a file without a certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apppass-ca-'));
    const pem = join(dir, 'ca.pem');
    writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadConfig({ ...base, APPPASS_MAILCOW_CA_FILE: pem }).mailcowCa).toContain('BEGIN');
    writeFileSync(join(dir, 'empty.pem'), 'nothing');
    expect(refusal({ ...base, APPPASS_MAILCOW_CA_FILE: join(dir, 'empty.pem') })).toContain(
      'no PEM certificate',
    );
    expect(refusal({ ...base, APPPASS_MAILCOW_CA_FILE: join(dir, 'absent.pem') })).toContain(
      'ENOENT',
    );
  });

  it('serves metrics only on a listener of their own', () => {
    expect(loadConfig(base).metricsListen).toBeNull();
    expect(loadConfig({ ...base, APPPASS_METRICS_LISTEN: '127.0.0.1:9187' }).metricsListen).toEqual(
      { host: '127.0.0.1', port: 9187 },
    );
    expect(refusal({ ...base, APPPASS_METRICS_LISTEN: 'nine' })).toContain(
      'APPPASS_METRICS_LISTEN',
    );
  });
});
