import { existsSync, readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

// Node 20 has no API for the operating system's store (tls.getCACertificates came later), and
// passing `ca` replaces Node's defaults, NODE_EXTRA_CA_CERTS included. So the trust anchors
// are put together here: Node's bundled roots, the OS bundle where one exists, the
// NODE_EXTRA_CA_CERTS file, and any CA the caller passes.
const OS_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/cert.pem', // macOS, BSD
];

const OS_BUNDLE = OS_BUNDLES.find((p) => existsSync(p));

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function pemBlocks(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

const files = new Map<string, string[]>();

function readPemFile(path: string | undefined): string[] {
  if (!path || !existsSync(path)) return [];
  const known = files.get(path);
  if (known) return known;
  let blocks: string[] = [];
  try {
    blocks = pemBlocks(readFileSync(path, 'utf8'));
  } catch {
    // an unreadable extra-CA file is treated like an absent one
  }
  if (path === OS_BUNDLE) files.set(path, blocks); // only the OS bundle is kept; the others may change
  return blocks;
}

export interface TrustOptions {
  ca?: string[];
  env?: NodeJS.ProcessEnv;
}

export function trustAnchors(o: TrustOptions = {}): string[] {
  const env = o.env ?? process.env;
  const all = [
    ...rootCertificates,
    ...readPemFile(OS_BUNDLE),
    ...readPemFile(env.NODE_EXTRA_CA_CERTS),
    ...(o.ca ?? []).flatMap(pemBlocks),
  ];
  // The OS bundle mostly repeats Node's roots; each certificate costs time to load.
  const seen = new Set<string>();
  return all.filter((pem) => {
    const key = pem.replace(/\s+/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const cache = new Map<string, SecureContext>();

/** One secure context per set of anchors, kept: building it from ~150 roots is not free. */
export function trustContext(o: TrustOptions = {}): SecureContext {
  const anchors = trustAnchors(o);
  const key = anchors.join('');
  let context = cache.get(key);
  if (!context) {
    context = createSecureContext({ ca: anchors });
    cache.clear(); // keep only the latest: a changed CA list replaces the old context
    cache.set(key, context);
  }
  return context;
}

/** The context, built on first use. */
export function lazyTrustContext(o: TrustOptions = {}): () => SecureContext {
  let context: SecureContext | undefined;
  return () => (context ??= trustContext(o));
}
