import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { Dovecot } from '../../../harness/dovecot.js';
import type { MailcowEmulator } from '../../../harness/mailcow-emulator.js';

// What a mailcow client does, and what a mail client does, for the bench smoke tests.

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

async function api(emu: MailcowEmulator, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}/api/v1/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-API-Key': emu.rwKey, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** add/app-passwd with the rw key, then find the id by listing (the add answer has none). */
export async function createAppPassword(
  emu: MailcowEmulator,
  o: { username: string; name: string; password: string; protocols: string[] },
): Promise<number> {
  const answer = (await api(emu, 'add/app-passwd', {
    username: o.username,
    app_name: o.name,
    app_passwd: o.password,
    app_passwd2: o.password,
    active: 1,
    protocols: o.protocols,
  })) as Array<{ type: string; msg: unknown }>;
  if (answer[0]?.type !== 'success')
    throw new Error(`add/app-passwd: ${JSON.stringify(answer[0]?.msg)}`);
  const list = (await api(emu, `get/app-passwd/all/${o.username}`)) as Array<{
    id: number;
    name: string;
  }>;
  const ids = list.filter((r) => r.name === o.name).map((r) => r.id);
  return Math.max(...ids);
}

export async function deleteAppPassword(emu: MailcowEmulator, id: number): Promise<void> {
  const answer = (await api(emu, 'delete/app-passwd', [id])) as Array<{ type: string }>;
  if (answer[0]?.type !== 'success') throw new Error('delete/app-passwd failed');
}

/** IMAP login over implicit TLS; true when authenticated, false when the server refused. */
export async function imapLogin(d: Dovecot, user: string, pass: string): Promise<boolean> {
  const client = new ImapFlow({
    host: d.host,
    port: d.ports.imaps,
    secure: true,
    tls: { ca: [d.caPem] },
    auth: { user, pass },
    logger: false,
    ...TIMEOUTS,
  });
  client.on('error', () => undefined); // imapflow throws from an unhandled 'error' event
  try {
    await client.connect();
    await client.logout();
    return true;
  } catch (e) {
    if ((e as { authenticationFailed?: boolean }).authenticationFailed) return false;
    throw e;
  } finally {
    client.close();
  }
}

/** SMTP submission on the STARTTLS port with an explicit AUTH; true when accepted. */
export async function smtpLogin(d: Dovecot, user: string, pass: string): Promise<boolean> {
  const transport = nodemailer.createTransport({
    host: d.host,
    port: d.ports.submission,
    secure: false,
    requireTLS: true,
    tls: { ca: [d.caPem] },
    auth: { user, pass },
    ...TIMEOUTS,
  });
  try {
    return await transport.verify();
  } catch (e) {
    if ((e as { code?: string }).code === 'EAUTH') return false;
    throw e;
  } finally {
    transport.close();
  }
}
