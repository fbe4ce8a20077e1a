import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../harness/dovecot.js';
import { startMailcowEmulator, type MailcowEmulator } from '../../../harness/mailcow-emulator.js';

// The Dovecot options other suites rely on: LOGINDISABLED for non-local clients, and plain
// ports without STARTTLS.

function greeting(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, localAddress: '127.0.0.1' });
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (d: Buffer) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once('error', reject);
  });
}

function tlsProtocol(d: Dovecot, port: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: d.host, port, ca: [d.caPem], servername: 'localhost' });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

let emu: MailcowEmulator;
const started: Dovecot[] = [];
beforeAll(async () => {
  emu = await startMailcowEmulator();
});
afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
  await emu?.stop();
});

describe('Dovecot bench options', () => {
  it('offers STARTTLS and LOGINDISABLED to a client on another address (127.0.0.2)', async () => {
    const d = await startDovecot({ passdbDir: emu.passdbDir, listen: ['127.0.0.2'] });
    started.push(d);
    const imap = await greeting(d.host, d.ports.imap);
    expect(imap).toContain('STARTTLS');
    expect(imap).toContain('LOGINDISABLED');
    expect(await tlsProtocol(d, d.ports.imaps)).toMatch(/^TLSv1\.[23]$/);
  });

  it('starttls: false leaves the plain ports without STARTTLS and keeps implicit TLS', async () => {
    const d = await startDovecot({ passdbDir: emu.passdbDir, starttls: false });
    started.push(d);
    expect(await greeting(d.host, d.ports.imap)).not.toContain('STARTTLS');
    expect(await tlsProtocol(d, d.ports.submissions)).toMatch(/^TLSv1\.[23]$/);
  });
});
