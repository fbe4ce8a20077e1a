import { SERVICE_SCOPE, type ProtocolScope } from '../../../protocol/scopes.js';
import type { Credentials } from './auth/types.js';
import { Check } from './check.js';
import { Deadline } from './deadline.js';
import { resolveHost, type FamilyLookup, type Resolved } from './dns.js';
import { possibleBan } from './ban.js';
import { gateOrder } from './endpoints.js';
import { startFindings, type FindingsOptions } from './findings.js';
import type { ProbeTarget, ReadySession } from './probe.js';
import { scrubDeep, secretForms } from './redact.js';
import type { DoctorEvent, DoctorReport, StepRecord } from '../../../protocol/report.js';
import { lazyTrustContext } from './trust.js';

export type { DoctorEvent };

export interface DoctorInput {
  /** The mailbox, e.g. alice@example.com. */
  target: string;
  endpoints: ProbeTarget[];
  credentials?: Credentials;
  /**
   * The password's scopes, when known: a service it lacks gets no login (`skipped`), since
   * mailcow counts such a refused login toward its ban. Unknown: every service is tried.
   */
  scopes?: readonly ProtocolScope[];
  /** Bound of the whole run; each step also has its own limit. */
  timeoutMs: number;
  /** Extra CA certificates (PEM); the system store and NODE_EXTRA_CA_CERTS are always used. */
  ca?: string[];
  signal?: AbortSignal;
  /** Where NODE_EXTRA_CA_CERTS is read from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Address lookup per family; default the OS resolver (what mail apps use). */
  lookup?: FamilyLookup;
  /** Called as each step and each check finishes (the CLI prints live lines from it). */
  onEvent?: (e: DoctorEvent) => void;
  /**
   * Also compare what autoconfig advertises with what answers, and measure clock skew from an
   * HTTPS `Date` header (the report's optional `findings`). Off when absent.
   */
  findings?: FindingsOptions;
}

type Entry = { check: Check; ready: Promise<ReadySession | null> };

type Gating = { creds: Credentials; scopes?: readonly ProtocolScope[]; deadline: Deadline };

/**
 * One login first, chosen among the services the scopes allow; the others only after it
 * succeeded, never after a failure. Services outside the scopes and plaintext ports get none.
 */
async function gatedLogins(entries: Entry[], { creds, scopes, deadline }: Gating) {
  const allowed = (e: Entry) => !scopes || scopes.includes(SERVICE_SCOPE[e.check.target.service]);
  for (const e of entries) {
    const reason = !allowed(e)
      ? 'no_scope'
      : e.check.target.security === 'none'
        ? 'plaintext'
        : null;
    if (reason) void e.ready.then((s) => s && e.check.skipLogin(reason));
  }
  const order = gateOrder(entries.map((e) => e.check.target));
  const candidates = order.flatMap((i) => (entries[i] && allowed(entries[i]) ? [entries[i]] : []));
  let gate: Entry | undefined;
  for (const c of candidates) if (!gate && (await c.ready)) gate = c;
  if (!gate) return;
  const service = gate.check.target.service;
  const ok = await gate.check.login(creds);
  await Promise.all(
    candidates
      .filter((c) => c !== gate)
      .map(async (c) => {
        if (!(await c.ready)) return;
        if (!ok) return c.check.skipLogin('gate_failed', service);
        if (deadline.remaining() === 0) return c.check.skipLogin('deadline');
        c.check.noteLoggedIn(service);
        await c.check.login(creds);
      }),
  );
}

/** One DNS lookup per host name, shared by every check on that host. */
function sharedResolver(input: DoctorInput, deadline: Deadline) {
  const dns = new Map<string, Promise<Resolved>>();
  return (host: string): Promise<Resolved> => {
    const key = host.toLowerCase();
    let pending = dns.get(key);
    if (!pending) {
      pending = resolveHost(host, deadline.limit('dns'), input.lookup, input.signal);
      dns.set(key, pending);
    }
    return pending;
  };
}

/** Every check's results, each emitted as it finishes. */
async function finishedChecks(entries: Entry[], emit: (e: DoctorEvent) => void) {
  const results = await Promise.all(
    entries.map(async (e) => {
      await e.check.done;
      const rs = await e.check.results();
      rs.forEach((check) => emit({ type: 'check', check }));
      return rs;
    }),
  );
  return results.flat();
}

/**
 * The connectivity diagnosis: every check's DNS, TCP, TLS, greeting and capabilities at once,
 * then the gated logins. Resolves with the report; never throws for what it finds.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const startedAt = new Date();
  const start = performance.now();
  const deadline = new Deadline(input.timeoutMs, input.signal);
  const secrets = input.credentials
    ? secretForms(input.credentials.user, input.credentials.pass)
    : [];
  const emit = (e: DoctorEvent) => input.onEvent?.(scrubDeep(e, secrets));
  const env = { context: lazyTrustContext({ ca: input.ca, env: input.env }), deadline };
  const hooks = {
    secrets,
    onStep: (checkId: string, step: StepRecord) => emit({ type: 'step', checkId, step }),
  };
  const dnsFor = sharedResolver(input, deadline);
  const entries: Entry[] = input.endpoints.map((t) => {
    const check = new Check(t, env, hooks);
    return { check, ready: check.prepare(dnsFor(t.host)) };
  });
  const findings =
    input.findings &&
    startFindings(input.findings, {
      email: input.target,
      mailHost: input.endpoints[0]?.host,
      env: input.env,
      deadline,
      signal: input.signal,
    });
  const abort = () => entries.forEach((e) => e.check.abort());
  input.signal?.addEventListener('abort', abort, { once: true });
  if (input.signal?.aborted) abort();
  try {
    const logins = input.credentials
      ? gatedLogins(entries, { creds: input.credentials, scopes: input.scopes, deadline })
      : Promise.all(entries.map((e) => e.ready.then(() => e.check.close())));
    const checks = await finishedChecks(entries, emit);
    await logins;
    const ban = possibleBan(checks);
    const extra = {
      ...(findings ? { findings: await findings(checks) } : {}),
      ...(ban ? { possibleBan: ban } : {}),
    };
    return scrubDeep(
      {
        target: input.target,
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - start),
        checks,
        ...extra,
      },
      secrets,
    );
  } finally {
    input.signal?.removeEventListener('abort', abort);
  }
}
