import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createBrokerClient, type BrokerClient } from '../../../../../main/core/broker/index.js';
import type { DiscoveryDocument } from '../../../../../protocol/discovery.js';
import { tryLogin } from '../../../../../main/core/diagnostics/login.js';
import {
  createRotationManager,
  loginVerifier,
  type FaultHook,
  type RotationManager,
} from '../../../../../main/core/rotation/index.js';
import {
  createVault,
  openPasswordIndex,
  type PasswordIndex,
  type Vault,
} from '../../../../../main/core/vault/index.js';
import { startDovecot, type Dovecot } from '../../../../harness/dovecot.js';
import type { EmulatorMailbox } from '../../../../harness/mailcow-emulator.js';
import { startBench, type Bench } from '../../../../harness/broker-bench.js';

/** The real broker + emulator + IdP, Dovecot on the emulator's passdb, one user's broker client. */
export interface RotationBench {
  bench: Bench;
  dovecot: Dovecot;
  mail: DiscoveryDocument['mail'];
  mailbox: string;
  broker: BrokerClient;
  /** A keychain service of its own, so parallel test files never share entries. */
  vault: Vault;
  stop(): Promise<void>;
}

export async function startRotationBench(
  o: { mailboxes?: EmulatorMailbox[] } = {},
): Promise<RotationBench> {
  const bench = await startBench({
    idp: { accessTokenTtl: 3600 },
    env: { APPPASS_WRITES_PER_MINUTE: '10000', APPPASS_MAX_PER_MAILBOX: '1000' },
    ...(o.mailboxes ? { mailcow: { mailboxes: o.mailboxes } } : {}),
  });
  const dovecot = await startDovecot({ passdbDir: bench.mailcow.passdbDir });
  const user = bench.idp.users.alice;
  let token = (await bench.idp.signIn(user)).access_token;
  const broker = createBrokerClient({
    baseUrl: `${bench.broker.url}/apppass`,
    env: { APPPASS_INSECURE_HTTP: '1' },
    tokens: {
      getAccessToken: async (t) => {
        if (t?.forceRefresh) token = (await bench.idp.signIn(user)).access_token;
        return token;
      },
    },
  });
  const host = dovecot.host;
  return {
    bench,
    dovecot,
    mail: {
      imap: { host, port: dovecot.ports.imaps, security: 'tls' },
      smtp: { host, port: dovecot.ports.submissions, security: 'tls' },
    },
    mailbox: user.email,
    broker,
    vault: createVault({ service: `apppass-test-${randomUUID()}` }),
    async stop() {
      await dovecot.stop();
      await bench.stop();
    },
  };
}

export interface Device {
  dataDir: string;
  index: PasswordIndex;
  /** A new rotation manager over this device's data dir (as after a restart). */
  manager(faults?: FaultHook, o?: { mail?: DiscoveryDocument['mail'] }): RotationManager;
}

export async function newDevice(rb: RotationBench): Promise<Device> {
  const dataDir = await mkdtemp(join(tmpdir(), 'apppass-rotation-'));
  const index = await openPasswordIndex(dataDir);
  return {
    dataDir,
    index,
    manager: (faults, o = {}) =>
      createRotationManager({
        dataDir,
        mailbox: rb.mailbox,
        broker: rb.broker,
        vault: rb.vault,
        index,
        verify: loginVerifier(o.mail ?? rb.mail, { ca: [rb.dovecot.caPem], timeoutMs: 10_000 }),
        ...(faults ? { faults } : {}),
      }),
  };
}

/** What `apppass create` does: a password on the server, its secret in the keychain, an index entry. */
export async function createStored(
  rb: RotationBench,
  device: Device,
  name: string,
): Promise<number> {
  const created = await rb.broker.createAppPassword({
    name,
    protocols: ['imap_access', 'smtp_access'],
  });
  await rb.vault.storeAppPassword(rb.mailbox, created.id, created.password);
  const { id, name: stored, protocols, created: at } = created;
  await device.index.upsert({
    mailbox: rb.mailbox,
    id,
    name: stored,
    protocols,
    created: at,
    verifiedAt: null,
  });
  return created.id;
}

/** Why each listed password with `name` does or does not work (for assertion messages). */
export async function passwordStates(
  rb: RotationBench,
  name: string,
): Promise<Map<number, string>> {
  const listed = (await rb.broker.listAppPasswords()).filter((p) => p.name === name && p.active);
  const imap = rb.mail.imap;
  if (!imap) throw new Error('bench has no IMAP endpoint');
  const states = new Map<number, string>();
  for (const p of listed) {
    const secret = await rb.vault.readAppPassword(rb.mailbox, p.id);
    if (!secret) {
      states.set(p.id, 'not in keychain');
      continue;
    }
    const creds = { user: rb.mailbox, pass: secret };
    states.set(p.id, (await tryLogin('imap', imap, creds, { ca: [rb.dovecot.caPem] })).verdict);
  }
  return states;
}

/**
 * The invariant: among the passwords named `name` that mailcow lists, at least one has its
 * secret in the keychain and really logs in to IMAP. Returns the ids that satisfy it.
 */
export async function workingPasswords(rb: RotationBench, name: string): Promise<number[]> {
  const states = await passwordStates(rb, name);
  return [...states].filter(([, state]) => state === 'ok').map(([id]) => id);
}

export async function expectInvariant(
  rb: RotationBench,
  name: string,
  where: string,
): Promise<void> {
  const states = await passwordStates(rb, name);
  const working = [...states.values()].filter((s) => s === 'ok');
  const seen = JSON.stringify(Object.fromEntries(states));
  expect(
    working.length,
    `no working password in mailcow + keychain ${where}: ${seen}`,
  ).toBeGreaterThan(0);
}

/** A promise that never settles: the rotation "crashes" here and is abandoned. */
export const never = (): Promise<void> => new Promise<void>(() => undefined);
