import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INDEX_FILE,
  openPasswordIndex,
  type IndexEntry,
} from '../../../../../main/core/vault/index.js';

const entry = (mailbox: string, id: number, name = `client ${id}`): IndexEntry => ({
  mailbox,
  id,
  name,
  protocols: ['imap_access', 'smtp_access'],
  created: '2026-01-02T03:04:05Z',
  verifiedAt: null,
});

describe('password index', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'apppass-index-')), 'data');
  });
  afterEach(async () => rm(join(dir, '..'), { recursive: true, force: true }));

  it('starts empty, upserts by (mailbox, id), filters by mailbox, removes', async () => {
    const index = await openPasswordIndex(dir);
    expect(await index.list()).toEqual([]);
    await index.upsert(entry('alice@example.test', 1));
    await index.upsert(entry('bob@example.test', 1));
    await index.upsert({
      ...entry('alice@example.test', 1, 'renamed'),
      verifiedAt: '2026-01-03T00:00:00Z',
    });
    expect(await index.list('alice@example.test')).toEqual([
      { ...entry('alice@example.test', 1, 'renamed'), verifiedAt: '2026-01-03T00:00:00Z' },
    ]);
    await index.remove('alice@example.test', 1);
    await index.remove('alice@example.test', 99);
    expect((await index.list()).map((e) => e.mailbox)).toEqual(['bob@example.test']);
  });

  it('persists across opens, mode 0600, no temp files left', async () => {
    const index = await openPasswordIndex(dir);
    await index.upsert({ ...entry('carol@example.test', 4), client: 'Thunderbird' });
    const again = await openPasswordIndex(dir);
    expect(await again.list()).toEqual([
      { ...entry('carol@example.test', 4), client: 'Thunderbird' },
    ]);
    expect((await stat(join(dir, INDEX_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([INDEX_FILE]);
  });

  it('replaces the file by rename, never rewriting it in place', async () => {
    const index = await openPasswordIndex(dir);
    await index.upsert(entry('alice@example.test', 1));
    const before = (await stat(join(dir, INDEX_FILE))).ino;
    await index.upsert(entry('alice@example.test', 2));
    expect((await stat(join(dir, INDEX_FILE))).ino).not.toBe(before);
  });

  it('keeps every one of many concurrent upserts', async () => {
    const index = await openPasswordIndex(dir);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => index.upsert(entry('alice@example.test', i))),
    );
    expect((await index.list()).map((e) => e.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
  });

  it('keeps a .corrupt copy of an unreadable file, reports it, and starts empty', async () => {
    const first = await openPasswordIndex(dir);
    await first.upsert(entry('alice@example.test', 1));
    await writeFile(join(dir, INDEX_FILE), '{"version":1,"entries":[{"mailbox":');
    const index = await openPasswordIndex(dir);
    expect(index.corruptCopy).toBe(join(dir, `${INDEX_FILE}.corrupt`));
    expect(await readFile(join(dir, `${INDEX_FILE}.corrupt`), 'utf8')).toBe(
      '{"version":1,"entries":[{"mailbox":',
    );
    expect(await index.list()).toEqual([]);
    await index.upsert(entry('bob@example.test', 2));
    expect(await index.list()).toEqual([entry('bob@example.test', 2)]);
  });

  it('treats valid JSON of the wrong shape as corrupt too', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, INDEX_FILE),
      JSON.stringify({ version: 1, entries: [{ mailbox: 'x', id: 'one' }] }),
    );
    const index = await openPasswordIndex(dir);
    expect(index.corruptCopy).toBeDefined();
    expect(await index.list()).toEqual([]);
  });

  it('refuses an entry that is not an IndexEntry', async () => {
    const index = await openPasswordIndex(dir);
    await expect(index.upsert({ ...entry('alice@example.test', 1), id: 1.5 })).rejects.toThrow();
  });
});
