import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { AppPassError } from '../errors.js';

/**
 * The trust list for our own HTTP agent when NODE_EXTRA_CA_CERTS is set: Node's bundled roots
 * plus the extra file. Node reads the variable only at process start (and Electron may not at
 * all), and an explicit `ca` replaces the defaults, so both are passed together.
 * Returns undefined when the variable is unset (the defaults apply).
 */
export function trustedCertificates(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw new AppPassError('extra_ca_unreadable', 'usage', { params: { file } });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new AppPassError('extra_ca_invalid', 'usage', { params: { file } });
  }
  return [...rootCertificates, pem];
}
