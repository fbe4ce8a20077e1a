import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A throw-away certificate authority made with the openssl CLI (Debian 12: OpenSSL 3.0).
// OpenSSL 3.0's `x509` has no -not_before/-not_after, so leaf certificates are signed with
// `openssl ca`, which takes explicit -startdate/-enddate (needed for expired certificates).

const run = promisify(execFile);

export interface Ca {
  dir: string;
  certFile: string;
  keyFile: string;
  certPem: string;
}

export interface IssuedCert {
  certFile: string;
  keyFile: string;
  certPem: string;
}

export interface IssueOptions {
  commonName: string;
  /** Entries like 'DNS:localhost' or 'IP:127.0.0.1'. */
  altNames?: string[];
  days?: number;
  /** notBefore and notAfter both in the past. */
  expired?: boolean;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export async function createCa(dir: string, commonName = 'AppPass Test CA'): Promise<Ca> {
  await mkdir(dir, { recursive: true });
  const certFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'ca.key');
  await run('openssl', [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '3650',
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { dir, certFile, keyFile, certPem: await readFile(certFile, 'utf8') };
}

function opensslDate(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

function validity(o: IssueOptions): { start: Date; end: Date } {
  const day = 86_400_000;
  const now = Date.now();
  if (o.expired) return { start: new Date(now - 60 * day), end: new Date(now - 30 * day) };
  return { start: new Date(now - day), end: new Date(now + (o.days ?? 365) * day) };
}

function caConfig(work: string, o: IssueOptions): string {
  const san = o.altNames?.length ? `subjectAltName = ${o.altNames.join(',')}\n` : '';
  return [
    '[ca]',
    'default_ca = d',
    '[d]',
    `database = ${join(work, 'index.txt')}`,
    `new_certs_dir = ${work}`,
    'default_md = sha256',
    'policy = p',
    'unique_subject = no',
    `serial = ${join(work, 'serial')}`,
    'copy_extensions = none',
    '[p]',
    'commonName = supplied',
    '[ext]',
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature',
    'extendedKeyUsage = serverAuth,clientAuth',
    san,
  ].join('\n');
}

/** Issue a leaf certificate signed by `ca`; files land in a fresh sub-directory of ca.dir. */
export async function issueCert(ca: Ca, o: IssueOptions): Promise<IssuedCert> {
  const work = await mkdtemp(join(ca.dir, 'leaf-'));
  const keyFile = join(work, 'key.pem');
  const csrFile = join(work, 'req.csr');
  const certFile = join(work, 'cert.pem');
  const configFile = join(work, 'ca.cnf');
  await writeFile(join(work, 'index.txt'), '');
  await writeFile(join(work, 'serial'), `01${randomBytes(8).toString('hex')}\n`);
  await writeFile(configFile, caConfig(work, o));
  await run('openssl', [
    'req',
    '-new',
    ...EC_KEY,
    '-keyout',
    keyFile,
    '-out',
    csrFile,
    '-subj',
    `/CN=${o.commonName}`,
  ]);
  const { start, end } = validity(o);
  await run('openssl', [
    'ca',
    '-batch',
    '-config',
    configFile,
    '-cert',
    ca.certFile,
    '-keyfile',
    ca.keyFile,
    '-in',
    csrFile,
    '-out',
    certFile,
    '-notext',
    '-extensions',
    'ext',
    '-startdate',
    opensslDate(start),
    '-enddate',
    opensslDate(end),
  ]);
  return { certFile, keyFile, certPem: await readFile(certFile, 'utf8') };
}
