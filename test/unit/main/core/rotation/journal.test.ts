import { errorText } from '../../../../../main/cli/render/errors.js';
import type { AppPassError } from '../../../../../main/core/errors.js';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Journal,
  JOURNAL_FILE,
  nextStep,
  type RotationRecord,
} from '../../../../../main/core/rotation/index.js';

const record = (over: Partial<RotationRecord> = {}): RotationRecord => ({
  rotationId: 'r1',
  mailbox: 'alice@example.test',
  oldId: 4,
  name: 'Thunderbird',
  protocols: ['imap_access'],
  idempotencyKey: 'k',
  knownIds: [4],
  startedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const at = '2026-01-01T00:00:01.000Z';

describe('nextStep', () => {
  it.each([
    [undefined, 'create'],
    [{ step: 'create', status: 'begun' }, 'create'],
    [{ step: 'create', status: 'done' }, 'create'], // the secret was only in memory: replay
    [{ step: 'store', status: 'begun' }, 'create'],
    [{ step: 'store', status: 'done' }, 'verify'],
    [{ step: 'verify', status: 'begun' }, 'verify'],
    [{ step: 'verify', status: 'done' }, 'confirm'],
    [{ step: 'confirm', status: 'done' }, 'revoke'],
    [{ step: 'revoke', status: 'begun' }, 'revoke'],
    [{ step: 'revoke', status: 'done' }, 'forget'],
    [{ step: 'forget', status: 'done' }, 'finished'],
    [{ step: 'rollback', status: 'begun' }, 'rollback'],
    [{ step: 'rollback', status: 'done' }, 'finished'],
  ] as const)('after %j continues with %s', (last, next) => {
    expect(nextStep(last ? { ...last, at } : undefined)).toBe(next);
  });
});

describe('Journal', () => {
  it('writes records atomically, 0600, and removes them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apppass-journal-'));
    const journal = new Journal(dir);
    expect(await journal.list()).toEqual([]);
    await Promise.all([journal.put(record()), journal.put(record({ rotationId: 'r2', oldId: 5 }))]);
    await journal.put(record({ newId: 9, last: { step: 'create', status: 'done', at } }));
    expect((await journal.list()).map((r) => [r.rotationId, r.newId])).toEqual([
      ['r2', undefined],
      ['r1', 9],
    ]);
    expect((await stat(join(dir, JOURNAL_FILE))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await journal.remove('r1');
    expect(JSON.parse(await readFile(join(dir, JOURNAL_FILE), 'utf8'))).toMatchObject({
      version: 1,
      rotations: [{ rotationId: 'r2' }],
    });
  });

  it('refuses a damaged journal with a message saying what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apppass-journal-'));
    await writeFile(join(dir, JOURNAL_FILE), '{"version":1,"rotations":[{"oops":1}]}');
    const refused = await new Journal(dir).list().catch((e: unknown) => e as AppPassError);
    expect(refused).toMatchObject({ code: 'journal_corrupt' });
    expect(errorText(refused as AppPassError)).toMatch(/move it aside/);
  });
});
