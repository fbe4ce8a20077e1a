import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../main/cli/main.js';
import { createVault, openPasswordIndex } from '../../../../../main/core/vault/index.js';
import { startDovecot, type Dovecot } from '../../../../harness/dovecot.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
} from '../../../../harness/mailcow-emulator.js';
import { addAppPassword, ALICE, doctor, dovecotEndpoints, settledAuthFailures } from './helpers.js';

// `apppass doctor` end to end (real discovery from --config, real Dovecot), and the finding
// for an address family that does not answer while the other does.

const PASS = 'Doctor-cli-pass-1';
const IMAP_SMTP = 'Doctor-cli-imap-smtp-2';
const STORED_ID = 4242; // the id the keychain and the index know it by

let emu: MailcowEmulator;
let d: Dovecot;
let dir: string;
let config: string;
let caFile: string;

beforeAll(async () => {
  emu = await startMailcowEmulator();
  d = await startDovecot({ passdbDir: emu.passdbDir });
  await addAppPassword(emu, PASS, ['imap_access', 'smtp_access', 'pop3_access', 'sieve_access']);
  await addAppPassword(emu, IMAP_SMTP, ['imap_access', 'smtp_access']);
  dir = await mkdtemp(join(tmpdir(), 'doctor-cli-'));
  await createVault().storeAppPassword(ALICE, STORED_ID, IMAP_SMTP);
  await (
    await openPasswordIndex(dir)
  ).upsert({
    mailbox: ALICE,
    id: STORED_ID,
    name: 'Thunderbird',
    protocols: ['imap_access', 'smtp_access'],
    created: new Date().toISOString(),
    verifiedAt: null,
  });
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, d.caPem);
  config = join(dir, 'apppass.json');
  const mail = (port: number, security: string) => ({ host: 'localhost', port, security });
  await writeFile(
    config,
    JSON.stringify({
      issuer: 'https://auth.example.test/',
      client_id: 'apppass-desktop',
      scopes: ['openid', 'email'],
      broker: 'https://mail.example.test/apppass',
      protocols: ['imap_access', 'smtp_access'],
      mail: {
        imap: mail(d.ports.imaps, 'tls'),
        smtp: mail(d.ports.submission, 'starttls'),
        pop3: mail(d.ports.pop3s, 'tls'),
        sieve: mail(d.ports.sieve, 'starttls'),
      },
    }),
  );
});

afterAll(async () => {
  await createVault().deleteAppPassword(ALICE, STORED_ID);
  await d?.stop();
  await emu?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(['doctor', ...args], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, APPPASS_DATA_DIR: dir },
    stdin: Readable.from([stdin]),
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

describe('apppass doctor', () => {
  it('exits 0 with a JSON report on stdout and live step lines on stderr', async () => {
    const r = await cli(
      [ALICE, '--config', config, '--password-stdin', '--json', '--redact'],
      `${PASS}\n`,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { target: string; checks: Array<{ verdict: string }> };
    expect(report.target).toBe('***@example.test');
    expect(report.checks.map((c) => c.verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(r.err).toMatch(/imap:\d+ auth \d+ ms ok/);
    expect(r.out + r.err).not.toContain(PASS);
  });

  it("--from-keychain passes the stored password's scopes: no login outside them, exit 0", async () => {
    const r = await cli([
      ALICE,
      '--config',
      config,
      '--from-keychain',
      String(STORED_ID),
      '--json',
    ]);
    const report = JSON.parse(r.out) as { checks: Array<{ verdict: string; hint: string | null }> };
    expect(report.checks.map((c) => c.verdict)).toEqual(['ok', 'ok', 'skipped', 'skipped']);
    expect(report.checks[2]?.hint).toBe(
      'This app password has no POP3 access, so no login was tried; create one with POP3 if this client needs it.',
    );
    expect(r.code).toBe(0); // the connections were fine; the scopes were a choice
    expect(await settledAuthFailures(d, 0)).toBe(0);
    expect(r.out + r.err).not.toContain(IMAP_SMTP);
  });

  it('prints the Markdown export, and exits 1 when a check fails', async () => {
    const r = await cli([ALICE, '--config', config, '--markdown']);
    expect(r.code).toBe(0); // no password: everything up to the login is fine
    expect(r.out).toContain('# Mail connectivity check for alice@example.test');
    const bad = await cli([ALICE, '--host', 'nonexistent.invalid', '--timeout', '3000']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('dns_not_found');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli([ALICE, '--password-stdin', '--from-keychain', '3'])).code).toBe(2);
    expect((await cli([ALICE, '--host', 'localhost', '--timeout', 'soon'])).code).toBe(2);
  });
});

describe('address families', () => {
  it('reports an IPv6 address that refuses while IPv4 answers as its own finding', async () => {
    const r = await doctor({
      endpoints: dovecotEndpoints(d).slice(0, 1),
      ca: [d.caPem],
      lookup: async (_host, family) => (family === 4 ? ['127.0.0.1'] : ['::1']),
    });
    expect(r.checks).toHaveLength(2);
    expect(r.checks[0]).toMatchObject({ verdict: 'ok', family: 'ipv4', address: '127.0.0.1' });
    expect(r.checks[1]).toMatchObject({ verdict: 'tcp_refused', family: 'ipv6', address: '::1' });
    expect(r.checks[1]?.hint).toMatch(/IPv6 address does not answer .* while IPv4 works/);
  });
});
