import { execFile, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCa, issueCert } from './ca.js';
import { dovecotConfig, type DovecotConfigInput, type DovecotPorts } from './dovecot/config.js';
import { spawnGroup, stopGroup, waitForPorts } from './dovecot/process.js';
import { freePorts } from './ports.js';
import { startSmtpSink } from './smtp-sink.js';

// Debian's Dovecot 2.3 from a generated config, foreground (`dovecot -F`), as root, with
// every path in a temp dir. Passwords come from the mailcow emulator: over HTTP from a Lua
// passdb (authUrl, as mailcow's Dovecot does) or from its passwd-files (passdbDir).

export type { DovecotPorts } from './dovecot/config.js';

export interface DovecotOptions {
  /** The mailcow emulator's passwd-files (its `passdbDir`)… */
  passdbDir?: string;
  /**
   * …or its `authUrl`: Dovecot then verifies every login by asking the emulator over HTTP from
   * a Lua passdb, like mailcow's own Dovecot, and the emulator records it for get/last-login.
   */
  authUrl?: string;
  /** Default ['127.0.0.1']; e.g. ['127.0.0.2'] to see LOGINDISABLED from 127.0.0.1. */
  listen?: string[];
  /** Default: a fresh CA and a cert for localhost, 127.0.0.1 and ::1. */
  cert?: { certFile: string; keyFile: string };
  /** Default true; false = the plain ports offer no STARTTLS. */
  starttls?: boolean;
  /** Default false = disable_plaintext_auth (LOGINDISABLED before TLS for non-local clients). */
  plaintextAuth?: boolean;
  /** Submission relay; default: an SMTP sink started (and stopped) with Dovecot. */
  relay?: { host: string; port: number };
}

export interface Dovecot {
  host: string;
  ports: DovecotPorts;
  /** CA of the default cert; '' when `cert` was given. */
  caFile: string;
  caPem: string;
  /** Failed authentication attempts Dovecot logged since start. */
  authFailures(): Promise<number>;
  logFile: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const MAIL_USER = 'nobody';
const MAIL_GROUP = 'nogroup';

async function defaultCert(dir: string) {
  const ca = await createCa(join(dir, 'ca'));
  const cert = await issueCert(ca, {
    commonName: 'localhost',
    altNames: ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1'],
  });
  return { ...cert, caFile: ca.certFile, caPem: ca.certPem };
}

async function uidOf(user: string): Promise<number> {
  const { stdout } = await run('id', ['-u', user]);
  return Number(stdout.trim());
}

async function prepareDirs(dir: string, mailUid: number): Promise<void> {
  await chmod(dir, 0o755); // the mail user must reach its maildir below
  await mkdir(join(dir, 'mail'), { mode: 0o755 });
  await chown(join(dir, 'mail'), mailUid, mailUid);
}

type Shared = Omit<DovecotConfigInput, 'dir' | 'serve'>;

/** One Dovecot master in dir/<name>; resolves once its listeners accept. */
async function launch(
  dir: string,
  name: string,
  serve: DovecotConfigInput['serve'],
  shared: Shared,
) {
  const own = join(dir, name);
  for (const sub of ['run', 'state']) await mkdir(join(own, sub), { recursive: true });
  const confFile = join(own, 'dovecot.conf');
  await writeFile(confFile, dovecotConfig({ ...shared, dir: own, serve }));
  const { child, output } = spawnGroup('dovecot', ['-F', '-c', confFile]);
  const p = shared.ports;
  const tls = [p.imaps, p.pop3s, p.submissions];
  const plain = [p.imap, p.pop3, p.submission, p.sieve];
  const ports = serve === 'all' ? [...tls, ...plain] : serve === 'tls' ? tls : plain;
  try {
    await waitForPorts(shared.listen[0] ?? '127.0.0.1', ports, child, 10_000);
  } catch (e) {
    await stopGroup(child);
    const log = await readFile(shared.logFile, 'utf8').catch(() => '');
    throw new Error(`${(e as Error).message}\n${output()}${log.slice(-4000)}`);
  }
  return child;
}

/** Auth failures as the login processes report them at disconnect: "(auth failed, N attempts". */
export function countAuthFailures(log: string): number {
  let total = 0;
  for (const m of log.matchAll(/auth failed, (\d+) attempts?/g)) total += Number(m[1]);
  return total;
}

/** The bench's passwd-verify.lua with the emulator's auth URL filled in. */
async function writeLuaPassdb(dir: string, authUrl: string): Promise<string> {
  const template = await readFile(new URL('./dovecot/passwd-verify.lua', import.meta.url), 'utf8');
  const file = join(dir, 'passwd-verify.lua');
  await writeFile(file, template.replace('@AUTH_URL@', authUrl), { mode: 0o644 });
  return file;
}

/** Everything both masters share: cert, relay (sink), ports, paths. */
async function prepare(o: DovecotOptions, dir: string, listen: string[]) {
  const mailUid = await uidOf(MAIL_USER);
  await prepareDirs(dir, mailUid);
  const made = o.cert ? undefined : await defaultCert(dir);
  const cert = o.cert ?? (made as NonNullable<typeof made>);
  const sink = o.relay ? undefined : await startSmtpSink();
  const relay = o.relay ?? { host: sink?.host ?? '127.0.0.1', port: sink?.port ?? 25 };
  const [imaps, imap, pop3s, pop3, submissions, submission, sieve] = await freePorts(7, listen[0]);
  const ports = { imaps, imap, pop3s, pop3, submissions, submission, sieve } as DovecotPorts;
  const shared: Shared = {
    logFile: join(dir, 'dovecot.log'),
    mailDir: join(dir, 'mail'),
    listen,
    ports,
    certFile: cert.certFile,
    keyFile: cert.keyFile,
    plaintextAuth: o.plaintextAuth ?? false,
    passdbDir: o.passdbDir ?? '',
    ...(o.authUrl ? { luaPassdb: await writeLuaPassdb(dir, o.authUrl) } : {}),
    relay,
    mailUser: MAIL_USER,
    mailGroup: MAIL_GROUP,
    mailUid,
  };
  return { shared, made, sink };
}

export async function startDovecot(o: DovecotOptions): Promise<Dovecot> {
  if (!o.passdbDir === !o.authUrl) throw new Error('startDovecot: give passdbDir or authUrl');
  const dir = await mkdtemp(join(tmpdir(), 'apppass-dovecot-'));
  const listen = o.listen ?? ['127.0.0.1'];
  const { shared, made, sink } = await prepare(o, dir, listen);
  // starttls: false needs `ssl = no`, which Dovecot only has per instance: a second master
  // serves the plain ports without TLS, the first keeps the implicit-TLS ports.
  const plan: Array<[string, DovecotConfigInput['serve']]> =
    o.starttls === false
      ? [
          ['tls', 'tls'],
          ['plain', 'plain'],
        ]
      : [['main', 'all']];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopGroup(c)));
    await sink?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const [name, serve] of plan) children.push(await launch(dir, name, serve, shared));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    host: listen[0] ?? '127.0.0.1',
    ports: shared.ports,
    caFile: made?.caFile ?? '',
    caPem: made?.caPem ?? '',
    logFile: shared.logFile,
    authFailures: async () => countAuthFailures(await readFile(shared.logFile, 'utf8')),
    stop,
  };
}
