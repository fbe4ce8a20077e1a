import type { Socket } from 'node:net';
import type { Credentials } from './auth/types.js';
import { AUTHENTICATORS } from './auth/index.js';
import type { Capabilities } from './dialects.js';
import { since } from './deadline.js';
import type { Resolved } from './dns.js';
import type { Advice } from '../../../protocol/messages.js';
import { familyHint, hintFor, type SkipReason } from './hints.js';
import {
  probe,
  type ProbeEnv,
  type ProbeFacts,
  type ProbeTarget,
  type ReadySession,
} from './probe.js';
import { checkId } from './report.js';
import type { CheckResult, StepName, StepRecord } from '../../../protocol/report.js';
import { scrub } from './redact.js';
import { tcpConnect } from './tcp.js';
import { CheckFailure, StepTimeout } from './verdicts.js';
import type { Verdict } from '../../../protocol/verdicts.js';

type Family = 'ipv4' | 'ipv6';
type Failure = CheckFailure | StepTimeout;
type Dialed = { family: Family; address: string; socket?: Socket; error?: Failure; ms: number };

export interface CheckHooks {
  onStep(checkId: string, step: StepRecord): void;
  /** Secrets to keep out of every text of the result. */
  secrets: string[];
}

function asFailure(err: unknown): Failure {
  if (err instanceof CheckFailure || err instanceof StepTimeout) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? 'unknown';
  return new CheckFailure('protocol_error', `connection failed (${code})`);
}

function verdictOf(failure: Failure | undefined, skip: SkipReason | undefined): Verdict {
  if (failure) return failure instanceof StepTimeout ? 'timeout' : failure.verdict;
  return skip ? 'skipped' : 'ok';
}

function endpointFields(t: ProbeTarget) {
  return { protocol: t.service, host: t.host, port: t.port, security: t.security };
}

function capabilitySummary(caps: Capabilities) {
  return {
    starttls: caps.starttls,
    loginDisabled: caps.loginDisabled,
    authMechanisms: caps.mechanisms,
  };
}

function dial(
  family: Family,
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Dialed> {
  const start = performance.now();
  return tcpConnect(address, port, timeoutMs, signal).then(
    (socket) => ({ family, address, socket, ms: since(start) }),
    (err: unknown) => ({ family, address, error: asFailure(err), ms: since(start) }),
  );
}

/**
 * One endpoint's check: DNS result in, then TCP (IPv4 and IPv6 at once when both exist),
 * TLS, greeting and capabilities; the login comes later, when the run's gate allows it.
 */
export class Check {
  readonly id: string;
  private readonly steps: StepRecord[] = [];
  private readonly facts: ProbeFacts = { tls: null };
  private failure: Failure | undefined;
  private skip: SkipReason | undefined;
  private loggedInWith: ProbeTarget['service'] | undefined;
  private gate: ProbeTarget['service'] | undefined;
  private session: ReadySession | undefined;
  private dialed: Dialed | undefined;
  /** The TCP connection under any TLS layer: destroying it ends whatever step is running. */
  private raw: Socket | undefined;
  private otherFamily: Promise<CheckResult | null> = Promise.resolve(null);
  private readonly started = performance.now();
  private ended = 0;
  private markDone: () => void = () => undefined;
  /** Settles when the check has nothing more to do (failed, logged in, or skipped the login). */
  readonly done = new Promise<void>((resolve) => (this.markDone = resolve));

  constructor(
    readonly target: ProbeTarget,
    private readonly env: Omit<ProbeEnv, 'record'>,
    private readonly hooks: CheckHooks,
  ) {
    this.id = checkId(target.service, target.port);
  }

  private record = (name: StepName, ms: number, ok: boolean): void => {
    const step = { name, ms, ok };
    this.steps.push(step);
    this.hooks.onStep(this.id, step);
  };

  /** Everything before the login; resolves with a session, or null when the check failed. */
  async prepare(dns: Promise<Resolved>): Promise<ReadySession | null> {
    try {
      const resolved = await dns.catch((err: CheckFailure & { ms?: number }) => {
        this.record('dns', err.ms ?? 0, false);
        throw err;
      });
      this.record('dns', resolved.ms, true);
      const socket = await this.connect(resolved);
      const env = { ...this.env, record: this.record };
      this.session = await probe(this.target, socket, env, this.facts);
      return this.session;
    } catch (err) {
      this.fail(err);
      return null;
    }
  }

  private async connect(r: Resolved): Promise<Socket> {
    const limit = this.env.deadline.limit('tcp');
    const signal = this.env.deadline.signal;
    const dials = [
      ...(r.ipv4[0] ? [dial('ipv4', r.ipv4[0], this.target.port, limit, signal)] : []),
      ...(r.ipv6[0] ? [dial('ipv6', r.ipv6[0], this.target.port, limit, signal)] : []),
    ];
    // The first family to connect carries the check; the other's outcome may be a finding.
    const first = await Promise.any(
      dials.map((d) => d.then((x) => (x.socket ? x : Promise.reject(x)))),
    ).catch(() => dials[0] as Promise<Dialed>);
    this.dialed = await first;
    const chosen = this.dialed;
    this.record('tcp', chosen.ms, Boolean(chosen.socket));
    if (!chosen.socket) throw chosen.error;
    if (this.ended) {
      chosen.socket.destroy(); // cancelled while the other family was still connecting
      throw new StepTimeout('run');
    }
    this.raw = chosen.socket;
    if (dials.length > 1) this.otherFamily = this.compareFamily(dials, chosen);
    return chosen.socket;
  }

  private async compareFamily(
    dials: Promise<Dialed>[],
    chosen: Dialed,
  ): Promise<CheckResult | null> {
    const all = await Promise.all(dials);
    const other = all.find((d) => d !== chosen);
    if (!other) return null;
    if (other.socket) {
      other.socket.destroy();
      return null;
    }
    const verdict = other.error instanceof CheckFailure ? other.error.verdict : 'tcp_timeout';
    return {
      id: checkId(this.target.service, this.target.port, other.family),
      ...endpointFields(this.target),
      family: other.family,
      address: other.address,
      verdict,
      durationMs: other.ms,
      steps: [{ name: 'tcp', ms: other.ms, ok: false }],
      tls: null,
      hint: null,
      advice: [familyHint(other.family, this.target.port, chosen.family)],
    };
  }

  /** The login (never retried). Resolves true when it succeeded. */
  async login(creds: Credentials): Promise<boolean> {
    const s = this.session;
    if (!s) return false;
    const start = performance.now();
    try {
      await AUTHENTICATORS[s.target.service](s, creds, this.env.deadline.limit('auth'));
      this.record('auth', since(start), true);
      return true;
    } catch (err) {
      this.record('auth', since(start), false);
      this.fail(err);
      return false;
    } finally {
      this.close();
    }
  }

  get ready(): boolean {
    return this.session !== undefined;
  }

  /** The login was not tried; `gate` names the service whose login decided that. */
  skipLogin(reason: SkipReason, gate?: ProbeTarget['service']): void {
    this.skip = reason;
    this.gate = gate;
    this.close();
  }

  noteLoggedIn(service: ProbeTarget['service']): void {
    this.loggedInWith = service;
  }

  close(): void {
    this.session?.conn.close();
    this.session = undefined;
    if (this.ended) return;
    this.ended = performance.now();
    this.markDone();
  }

  /** The first failure is the verdict; later ones are its consequences. */
  private fail(err: unknown): void {
    this.failure ??= asFailure(err);
    this.close();
  }

  /** The run was cancelled: whatever is still open ends as a timeout, its socket closed now. */
  abort(): void {
    if (this.ended) return;
    this.fail(new StepTimeout('run'));
    this.raw?.destroy();
  }

  private advice(verdict: Verdict): Advice[] {
    const f = this.failure;
    const advice = hintFor(verdict, {
      service: this.target.service,
      host: this.target.host,
      port: this.target.port,
      facts: f instanceof CheckFailure ? f.facts : {},
      step: f instanceof StepTimeout ? (f.step as StepName | 'run') : undefined,
      loggedInWith: this.loggedInWith,
      gate: this.gate,
      skip: this.skip,
    });
    return advice ? [advice] : [];
  }

  /** This check's result, and a second one when the other address family answered differently. */
  async results(): Promise<CheckResult[]> {
    this.close();
    const other = await this.otherFamily;
    const verdict = verdictOf(this.failure, this.skip);
    const main: CheckResult = {
      id: this.id,
      ...endpointFields(this.target),
      ...(other && this.dialed ? { family: this.dialed.family } : {}),
      ...(this.dialed ? { address: this.dialed.address } : {}),
      verdict,
      durationMs: Math.round(this.ended - this.started),
      steps: this.steps,
      tls: this.facts.tls,
      ...(this.facts.caps ? { capabilities: capabilitySummary(this.facts.caps) } : {}),
      hint: null,
      advice: this.advice(verdict),
      ...(verdict === 'skipped' && this.skip ? { skipReason: this.skip } : {}),
      ...(this.failure ? { detail: scrub(this.failure.message, this.hooks.secrets) } : {}),
    };
    return other ? [main, other] : [main];
  }
}
