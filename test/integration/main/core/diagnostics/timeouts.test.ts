import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_LIMITS } from '../../../../../main/core/diagnostics/deadline.js';
import type { DoctorEvent } from '../../../../../main/core/diagnostics/doctor.js';
import type { ProbeTarget } from '../../../../../main/core/diagnostics/probe.js';
import { doctor, only, verdicts } from './helpers.js';
import {
  resolverLookup,
  silentDns,
  stuckListener,
  unansweredPort,
  type StuckListener,
} from './stuck-servers.js';

// The verdicts of silence: a TCP connect nobody completes, a DNS server that never answers,
// and a run cancelled while every kind of step is still waiting.

let unanswered: Awaited<ReturnType<typeof unansweredPort>>;
let mute: StuckListener;
let dns: Awaited<ReturnType<typeof silentDns>>;

beforeAll(async () => {
  unanswered = await unansweredPort();
  mute = await stuckListener(8); // accepts into the kernel queue, then never speaks
  dns = await silentDns();
});

afterAll(async () => {
  await unanswered?.stop();
  await mute?.stop();
  await dns?.stop();
});

const imaps = (host: string, port: number): ProbeTarget => ({
  service: 'imap',
  host,
  port,
  security: 'tls',
});

const tcpSockets = () =>
  process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'ConnectWrap')
    .length;

describe('timeouts', () => {
  it('says tcp_timeout when the connection request is never answered', async () => {
    const r = await doctor({ endpoints: [imaps('127.0.0.1', unanswered.port)], timeoutMs: 1_500 });
    expect(only(r).verdict).toBe('tcp_timeout');
    expect(only(r).steps.map((s) => [s.name, s.ok])).toEqual([
      ['dns', true],
      ['tcp', false],
    ]);
    expect(only(r).hint).toMatch(/did not answer in time; a firewall/);
  });

  it('says dns_timeout when the DNS server never answers', async () => {
    const before = dns.queries();
    const r = await doctor({
      endpoints: [imaps('mail.silent.test', 993)],
      timeoutMs: 1_500,
      lookup: resolverLookup(dns.port, 30_000),
    });
    expect(only(r).verdict).toBe('dns_timeout');
    expect(only(r).hint).toContain('DNS did not answer for mail.silent.test');
    expect(dns.queries()).toBeGreaterThan(before); // the question really went to the silent server
  });

  it('stops at once when cancelled: every waiting check ends as timeout, no socket left open', async () => {
    const baseline = tcpSockets();
    const controller = new AbortController();
    const onEvent = (e: DoctorEvent) => {
      // The mute listener's TCP is up (its TLS now waits): DNS and the other TCP still wait too
      if (e.type === 'step' && e.step.name === 'tcp' && e.step.ok)
        setImmediate(() => controller.abort());
    };
    const r = await doctor({
      endpoints: [
        imaps('127.0.0.1', mute.port),
        imaps('127.0.0.1', unanswered.port),
        imaps('mail.silent.test', 993),
      ],
      timeoutMs: 60_000,
      lookup: resolverLookup(dns.port, 30_000),
      signal: controller.signal,
      onEvent,
    });
    expect(controller.signal.aborted).toBe(true);
    expect(verdicts(r)).toEqual(['timeout', 'timeout', 'timeout']);
    for (const c of r.checks) expect(c.hint).toMatch(/cancelled before it finished/);
    // each check stopped in its own waiting step, not at that step's limit
    expect(r.checks.map((c) => c.steps.at(-1)?.name)).toEqual(['tls', 'tcp', 'dns']);
    // an ordering, not a speed figure: the run ended before any waiting step's own timer could
    expect(r.durationMs).toBeLessThan(Math.min(STEP_LIMITS.dns, STEP_LIMITS.tcp, STEP_LIMITS.tls));
    await new Promise((resolve) => setImmediate(resolve));
    expect(tcpSockets()).toBe(baseline);
  });
});
