import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, type FaultPoint } from '../../../../../main/core/rotation/index.js';
import { freePort } from '../../../../harness/ports.js';
import {
  createStored,
  expectInvariant,
  never,
  newDevice,
  startRotationBench,
  workingPasswords,
  type RotationBench,
} from './fixture.js';

// Rotation paths other than the straight line: a failed verification rolls back, a rollback
// interrupted by a crash is finished on restart, a "no" pauses, a new password removed on
// the server meanwhile is reconciled, and a create replayed after the idempotency window
// cleans up the password the crashed run had made.

let rb: RotationBench;
const yes = async () => true;

beforeAll(async () => {
  rb = await startRotationBench();
});
afterAll(async () => {
  await rb?.stop();
});

const names = async (name: string) =>
  (await rb.broker.listAppPasswords()).filter((p) => p.name === name).map((p) => p.id);

/** Mail endpoints where nothing listens: every verification login fails (no auth penalty). */
async function deadMail() {
  const port = await freePort();
  return { imap: { host: '127.0.0.1', port, security: 'tls' as const } };
}

describe('verification failure', () => {
  it('rolls the new password back and keeps the old one', async () => {
    const device = await newDevice(rb);
    const oldId = await createStored(rb, device, 'unverifiable');
    const result = await device
      .manager(undefined, { mail: await deadMail() })
      .rotate(oldId, { confirm: yes });
    expect(result).toMatchObject({ status: 'rolled-back', oldId });
    expect(result.checks).toEqual([
      expect.objectContaining({ service: 'imap', ok: false, verdict: 'tcp_refused' }),
    ]);
    expect(result.note).toMatch(
      /failed the IMAP login check \(tcp_refused\); the old one stays in use/,
    );
    expect(await names('unverifiable')).toEqual([oldId]);
    expect(await workingPasswords(rb, 'unverifiable')).toEqual([oldId]);
    expect(await rb.vault.readAppPassword(rb.mailbox, result.newId ?? -1)).toBeNull();
    expect((await device.index.list(rb.mailbox)).map((e) => e.id)).toEqual([oldId]);
    expect(await device.manager().pending()).toEqual([]);
  });

  it.each(['before', 'after'] as const)(
    'a crash %s the rollback action is finished on restart',
    async (when) => {
      const device = await newDevice(rb);
      const name = `rollback crash ${when}`;
      const oldId = await createStored(rb, device, name);
      let crashed!: () => void;
      const atCrash = new Promise<void>((resolve) => (crashed = resolve));
      const hook = async (p: FaultPoint) => {
        if (p.step !== 'rollback' || p.when !== when) return;
        await expectInvariant(rb, name, `at rollback/${when}`);
        crashed();
        return never();
      };
      void device.manager(hook, { mail: await deadMail() }).rotate(oldId, { confirm: yes });
      await atCrash;
      const [result] = await device.manager().resumeRotations();
      expect(result).toMatchObject({ status: 'rolled-back', oldId });
      expect(await names(name)).toEqual([oldId]);
      expect(await workingPasswords(rb, name)).toEqual([oldId]);
    },
  );
});

describe('confirmation and reconciliation', () => {
  it('a "no" leaves both passwords working and pauses; resuming without a confirm keeps it paused', async () => {
    const device = await newDevice(rb);
    const oldId = await createStored(rb, device, 'declined');
    const result = await device.manager().rotate(oldId, { confirm: async () => false });
    expect(result).toMatchObject({ status: 'awaiting-confirmation', oldId });
    expect((await workingPasswords(rb, 'declined')).sort()).toEqual([oldId, result.newId].sort());
    const [still] = await device.manager().resumeRotations();
    expect(still).toMatchObject({ status: 'awaiting-confirmation' });
    const done = await device.manager().rotate(oldId, { confirm: yes });
    expect(done).toMatchObject({ status: 'completed', newId: result.newId });
    expect(await workingPasswords(rb, 'declined')).toEqual([result.newId]);
  });

  it('a new password revoked elsewhere while waiting is rolled back; the old one stays', async () => {
    const device = await newDevice(rb);
    const oldId = await createStored(rb, device, 'removed elsewhere');
    const paused = await device.manager().rotate(oldId, { confirm: async () => false });
    await rb.broker.deleteAppPassword(paused.newId ?? -1);
    const [result] = await device.manager().resumeRotations({ confirm: yes });
    expect(result).toMatchObject({
      status: 'rolled-back',
      note: expect.stringMatching(/removed on the server/),
    });
    expect(await names('removed elsewhere')).toEqual([oldId]);
    expect(await workingPasswords(rb, 'removed elsewhere')).toEqual([oldId]);
    expect(await rb.vault.readAppPassword(rb.mailbox, paused.newId ?? -1)).toBeNull();
  });

  it('a create replayed after the idempotency window deletes the password the crashed run made', async () => {
    const device = await newDevice(rb);
    const name = 'window passed';
    const oldId = await createStored(rb, device, name);
    let crashed!: () => void;
    const atCrash = new Promise<void>((resolve) => (crashed = resolve));
    const hook = async (p: FaultPoint) => {
      if (p.step !== 'create' || p.when !== 'after') return;
      crashed();
      return never();
    };
    void device.manager(hook).rotate(oldId, { confirm: yes });
    await atCrash;
    const lost = (await names(name)).filter((id) => id !== oldId);
    expect(lost).toHaveLength(1); // made on the server, its id never journaled
    // The broker forgot the key (window passed or restart): simulate with a fresh key.
    const file = join(device.dataDir, JOURNAL_FILE);
    const journal = JSON.parse(await readFile(file, 'utf8')) as {
      rotations: { idempotencyKey: string }[];
    };
    for (const r of journal.rotations) r.idempotencyKey = `${r.idempotencyKey}-expired`;
    await writeFile(file, JSON.stringify(journal));
    const [result] = await device.manager().resumeRotations({ confirm: yes });
    expect(result).toMatchObject({ status: 'completed' });
    expect(result && 'newId' in result ? result.newId : undefined).not.toBe(lost[0]);
    expect(await names(name)).toEqual([result && 'newId' in result ? result.newId : -1]);
  });
});
