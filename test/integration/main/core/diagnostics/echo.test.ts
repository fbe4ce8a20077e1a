import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../../../../main/cli/render/report.js';
import { createCa, issueCert, type Ca } from '../../../../harness/ca.js';
import { ALICE, doctor, only } from './helpers.js';

// A hostile POP3 server (implicit TLS, trusted certificate) that echoes the login back in its
// refusal, decoded and encoded: nothing of it may reach the report.

const PASS = 'Echoed-secret-77';

let dir: string;
let ca: Ca;
let server: Server;
let port: number;

function echoPop3(socket: TLSSocket): void {
  socket.write('+OK ready\r\n');
  socket.on('data', (chunk: Buffer) => {
    const line = chunk.toString().trim();
    if (line === 'CAPA') return void socket.write('+OK\r\nSASL PLAIN\r\nUSER\r\n.\r\n');
    const blob = /^AUTH PLAIN (\S+)/.exec(line)?.[1] ?? '';
    const decoded = Buffer.from(blob, 'base64').toString().replace(/\0/g, ' ');
    const [, user = '', pass = ''] = decoded.split(' ');
    // The password straddles character 120, where a report cuts a server's words.
    if (user.startsWith('cut'))
      return void socket.write(`-ERR [AUTH] ${'x'.repeat(100)} ${pass} refused\r\n`);
    socket.write(`-ERR [AUTH] ${decoded} was sent as ${line}\r\n`);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-echo-'));
  ca = await createCa(join(dir, 'ca'));
  const cert = await issueCert(ca, { commonName: 'localhost', altNames: ['DNS:localhost'] });
  server = createServer({ key: await readFile(cert.keyFile), cert: cert.certPem }, echoPop3);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('a server that echoes the login', () => {
  it('leaves no password and no AUTH blob in the report, the events or the Markdown', async () => {
    const events: string[] = [];
    const r = await doctor({
      endpoints: [{ service: 'pop3', host: 'localhost', port, security: 'tls' }],
      ca: [ca.certPem],
      credentials: { user: ALICE, pass: PASS },
      onEvent: (e) => events.push(JSON.stringify(e)),
    });
    expect(only(r).verdict).toBe('auth_failed');
    const text = JSON.stringify(r) + reportMarkdown(r) + events.join('');
    expect(only(r).detail).toContain('[redacted]');
    expect(text).not.toContain(PASS);
    expect(text).not.toContain(Buffer.from(`\0${ALICE}\0${PASS}`).toString('base64'));
  });

  it('scrubs before it shortens: no piece of a password cut at the length limit survives', async () => {
    const r = await doctor({
      endpoints: [{ service: 'pop3', host: 'localhost', port, security: 'tls' }],
      ca: [ca.certPem],
      credentials: { user: `cut-${ALICE}`, pass: PASS },
    });
    expect(only(r).verdict).toBe('auth_failed');
    const text = JSON.stringify(r) + reportMarkdown(r);
    expect(text.includes(PASS.slice(0, 6))).toBe(false);
  });
});
