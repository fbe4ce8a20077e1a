import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../broker/config.js';
import { startBroker, type BrokerHandle } from '../../../broker/server.js';
import type { DiscoveryDocument } from '../../../protocol/discovery.js';
import type { ProtocolScope } from '../../../protocol/scopes.js';
import { startIdp, type Idp, type IdpOptions } from '../../harness/idp.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
  type MailcowEmulatorOptions,
} from '../../harness/mailcow-emulator.js';

/** A real IdP, the mailcow emulator and a broker wired to both, with captured logs. */
export interface Bench {
  idp: Idp;
  mailcow: MailcowEmulator;
  broker: BrokerHandle;
  auditFile: string;
  logs: string[];
  /** Environment the broker was configured from (to start variants). */
  env: Record<string, string>;
  call(
    path: string,
    init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  auditLines(): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export interface BenchOptions {
  idp?: IdpOptions;
  mailcow?: MailcowEmulatorOptions;
  /** A running emulator to share (not stopped with the bench); `mailcow` is then ignored. */
  sharedMailcow?: MailcowEmulator;
  env?: Record<string, string>;
  /** The broker's clock (stale marking, ban ends). */
  now?: () => number;
  /** Broker variables that depend on the started IdP; `undefined` removes a variable. */
  envFor?: (idp: Idp) => Record<string, string | undefined>;
}

/** The broker's environment for a bench IdP and mailcow (the emulator, in or out of process). */
export function brokerEnv(
  idp: Pick<Idp, 'issuer' | 'clientId' | 'audience'>,
  mailcow: Pick<MailcowEmulator, 'url' | 'rwKey'>,
  auditFile: string,
): Record<string, string> {
  return {
    APPPASS_LISTEN: '127.0.0.1:0',
    APPPASS_PUBLIC_URL: 'http://127.0.0.1/apppass',
    APPPASS_MAILCOW_URL: mailcow.url,
    APPPASS_MAILCOW_API_KEY: mailcow.rwKey,
    APPPASS_ISSUER: idp.issuer,
    APPPASS_CLIENT_ID: idp.clientId,
    APPPASS_AUDIENCE: idp.audience,
    APPPASS_AUDIT_LOG: auditFile,
    APPPASS_INSECURE_HTTP: '1',
    APPPASS_MAILCOW_TIMEOUT_MS: '1500',
  };
}

/** The discovery document an admin would publish for this bench (broker, IdP, mail hosts). */
export function discoveryDocumentFor(
  bench: Pick<Bench, 'idp' | 'broker'>,
  protocols: ProtocolScope[],
  mail: DiscoveryDocument['mail'],
): DiscoveryDocument {
  return {
    issuer: bench.idp.issuer,
    client_id: bench.idp.clientId,
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    broker: `${bench.broker.url}/apppass`,
    protocols,
    mail,
  };
}

export async function startBench(o: BenchOptions = {}): Promise<Bench> {
  const idp = await startIdp(o.idp);
  const mailcow = o.sharedMailcow ?? (await startMailcowEmulator(o.mailcow));
  const dir = await mkdtemp(join(tmpdir(), 'apppass-broker-'));
  const auditFile = join(dir, 'audit.log');
  const env = Object.fromEntries(
    Object.entries({ ...brokerEnv(idp, mailcow, auditFile), ...o.env, ...o.envFor?.(idp) }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
  const logs: string[] = [];
  const broker = await startBroker(loadConfig(env), {
    log: (l) => logs.push(l),
    ...(o.now ? { now: o.now } : {}),
  });
  return {
    idp,
    mailcow,
    broker,
    auditFile,
    logs,
    env,
    call: (path, init = {}) =>
      fetch(`${broker.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
          ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...init.headers,
        },
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : init.body instanceof Uint8Array // raw bytes, e.g. invalid UTF-8
                ? new Blob([new Uint8Array(init.body)])
                : JSON.stringify(init.body),
      }),
    async auditLines() {
      const text = await readFile(auditFile, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    async stop() {
      await broker.close();
      if (!o.sharedMailcow) await mailcow.stop();
      await idp.stop();
    },
  };
}

/** A problem+json body's type suffix (`urn:apppass:problem:<code>`). */
export async function problemCode(res: Response): Promise<string> {
  const body = (await res.json()) as { type?: string };
  return (body.type ?? '').replace('urn:apppass:problem:', '');
}
