import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEPS, type FaultPoint, type StepName } from '../../../../../main/core/rotation/index.js';
import {
  createStored,
  expectInvariant,
  never,
  newDevice,
  startRotationBench,
  workingPasswords,
  type Device,
  type RotationBench,
} from './fixture.js';

// Each rotation step fails (throws) or the process "crashes" (the promise is abandoned) before
// and after its action; a new manager over the same data dir then resumes. At the fault, after
// it, and at the end, a password named for the client must be in mailcow and the keychain and
// really log in to Dovecot. Real broker, emulator, Dovecot and keychain.

let rb: RotationBench;
const yes = async () => true;

beforeAll(async () => {
  rb = await startRotationBench();
});
afterAll(async () => {
  await rb?.stop();
});

/** The end state of a finished rotation: only the new password, stored and working. */
async function expectRotated(device: Device, name: string, oldId: number): Promise<number> {
  const working = await workingPasswords(rb, name);
  expect(working).toHaveLength(1);
  const [newId = -1] = working;
  expect(newId).not.toBe(oldId);
  const listed = (await rb.broker.listAppPasswords())
    .filter((p) => p.name === name)
    .map((p) => p.id);
  expect(listed).toEqual([newId]);
  expect(await rb.vault.readAppPassword(rb.mailbox, oldId)).toBeNull();
  expect((await device.index.list(rb.mailbox)).map((e) => e.id)).toEqual([newId]);
  expect(await device.manager().pending()).toEqual([]);
  return newId;
}

/** A fault hook that fires once at (step, when), checking the invariant right there first. */
function faultAt(step: StepName, when: 'before' | 'after', mode: 'fail' | 'crash', name: string) {
  let fire!: (p: FaultPoint) => void;
  const fired = new Promise<FaultPoint>((resolve) => (fire = resolve));
  let done = false;
  const hook = async (p: FaultPoint) => {
    if (done || p.step !== step || p.when !== when) return;
    done = true;
    await expectInvariant(rb, name, `at ${step}/${when}`);
    fire(p);
    if (mode === 'fail') throw new Error(`injected fault at ${step}/${when}`);
    return never();
  };
  return { hook, fired };
}

const FORWARD_STEPS = STEPS.filter((s) => s !== 'rollback');
const POINTS = FORWARD_STEPS.flatMap((step) =>
  (['before', 'after'] as const).map((when) => ({ step, when })),
);

describe.each(['fail', 'crash'] as const)('a %s at each step, then a restart', (mode) => {
  it.each(POINTS)(
    '$step/$when: resumes to exactly one working password',
    async ({ step, when }) => {
      const device = await newDevice(rb);
      const name = `${mode} ${step} ${when}`;
      const oldId = await createStored(rb, device, name);
      const { hook, fired } = faultAt(step, when, mode, name);
      const run = device.manager(hook).rotate(oldId, { confirm: yes });
      if (mode === 'fail') await expect(run).rejects.toThrow(`injected fault at ${step}/${when}`);
      else {
        run.catch(() => undefined); // abandoned: this "process" is gone
        await fired;
      }
      await expectInvariant(rb, name, `after the ${mode}`);
      expect(await device.manager().pending()).toHaveLength(1);

      const results = await device.manager().resumeRotations({ confirm: yes });
      expect(results).toEqual([expect.objectContaining({ status: 'completed', oldId })]);
      await expectRotated(device, name, oldId);
    },
  );
});

describe('the journal at every step boundary', () => {
  it('keeps a working password at every point of an undisturbed rotation', async () => {
    const device = await newDevice(rb);
    const name = 'observed';
    const oldId = await createStored(rb, device, name);
    const seen: string[] = [];
    const observe = async (p: FaultPoint) => {
      seen.push(`${p.step}/${p.when}`);
      await expectInvariant(rb, name, `at ${p.step}/${p.when}`);
    };
    const result = await device.manager(observe).rotate(oldId, { confirm: yes });
    expect(result).toMatchObject({ status: 'completed', oldId });
    expect(result.checks.map((c) => [c.service, c.verdict])).toEqual([
      ['imap', 'ok'],
      ['smtp', 'ok'],
    ]);
    expect(seen).toEqual(POINTS.map((p) => `${p.step}/${p.when}`));
    const newId = await expectRotated(device, name, oldId);
    expect(newId).toBe(result.newId);
    const entry = (await device.index.list(rb.mailbox))[0];
    expect(entry?.verifiedAt).toEqual(expect.any(String));
  });
});
