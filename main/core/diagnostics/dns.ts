import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { CheckFailure } from './verdicts.js';

export interface Resolved {
  ipv4: string[];
  ipv6: string[];
  ms: number;
}

const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

type FamilyAnswer = { addresses: string[]; error?: string };

/**
 * Addresses of one family; rejects with a Node DNS error code. The OS resolver by default.
 * `signal` aborts when the answer is no longer wanted (step timeout, cancelled run).
 */
export type FamilyLookup = (host: string, family: 4 | 6, signal: AbortSignal) => Promise<string[]>;

const osLookup: FamilyLookup = async (host, family) =>
  (await lookup(host, { family, all: true })).map((a) => a.address);

// The OS resolver (hosts file, search domains), as mail apps see it; once per family so that
// an address family that answers differently can be reported on its own.
async function family(
  host: string,
  f: 4 | 6,
  timeoutMs: number,
  find: FamilyLookup,
  run?: AbortSignal,
): Promise<FamilyAnswer> {
  const stop = new AbortController();
  const ended = new Promise<FamilyAnswer>((resolve) => {
    const timer = setTimeout(() => resolve({ addresses: [], error: 'ETIMEOUT' }), timeoutMs);
    const cancelled = () => resolve({ addresses: [], error: 'ECANCELLED' });
    if (run?.aborted) cancelled();
    run?.addEventListener('abort', cancelled, { once: true });
    stop.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      run?.removeEventListener('abort', cancelled);
    });
  });
  const answer = find(host, f, stop.signal).then(
    (addresses) => ({ addresses }),
    (err: NodeJS.ErrnoException) => ({ addresses: [], error: err.code ?? 'unknown' }),
  );
  try {
    return await Promise.race([answer, ended]);
  } finally {
    stop.abort();
  }
}

/** A and AAAA separately; throws dns_not_found / dns_timeout when neither gives an address. */
export async function resolveHost(
  host: string,
  timeoutMs: number,
  find: FamilyLookup = osLookup,
  signal?: AbortSignal,
): Promise<Resolved> {
  const start = performance.now();
  const literal = isIP(host.replace(/^\[|\]$/g, ''));
  if (literal) {
    const ip = host.replace(/^\[|\]$/g, '');
    return { ipv4: literal === 4 ? [ip] : [], ipv6: literal === 6 ? [ip] : [], ms: 0 };
  }
  const [a, aaaa] = await Promise.all([
    family(host, 4, timeoutMs, find, signal),
    family(host, 6, timeoutMs, find, signal),
  ]);
  const ms = Math.round(performance.now() - start);
  if (a.addresses.length || aaaa.addresses.length) {
    return { ipv4: a.addresses, ipv6: aaaa.addresses, ms };
  }
  const missing = [a, aaaa].every((r) => r.error && MISSING.has(r.error));
  throw Object.assign(
    new CheckFailure(
      missing ? 'dns_not_found' : 'dns_timeout',
      `no address for the name (A: ${a.error ?? 'none'}, AAAA: ${aaaa.error ?? 'none'})`,
    ),
    { ms },
  );
}
