import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The test tree mirrors the source tree (docs/architecture.md, "Where the tests are"):
// test/<kind>/<path>/x.test.ts tests the code in <path>/, and test/<kind>/harness/<path>/ the
// bench in test/harness/<path>/. Two folders are not a place in the source: `fuzz/` (the
// generated-input run across every parser, `npm run fuzz`) and `fixtures/` (files a test reads).
const ROOT = join(import.meta.dirname, '../..');
const KINDS = ['test/unit', 'test/integration'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function sourceFolder(testFolder: string): string | undefined {
  const parts = testFolder.split(sep).filter(Boolean);
  if (parts[0] === 'fuzz') return undefined;
  while (parts.at(-1) === 'fixtures') parts.pop();
  return parts[0] === 'harness' ? join('test', ...parts) : join(...parts);
}

function isFolder(path: string): boolean {
  try {
    return statSync(join(ROOT, path)).isDirectory();
  } catch {
    return false;
  }
}

describe('the test tree', () => {
  it('puts every test under the path of the source folder it tests', () => {
    const misplaced = KINDS.flatMap((kind) =>
      files(join(ROOT, kind))
        .map((file) => relative(join(ROOT, kind), file))
        .filter((file) => {
          const folder = sourceFolder(file.split(sep).slice(0, -1).join(sep));
          return folder !== undefined && folder !== '' && !isFolder(folder);
        })
        .map((file) => join(kind, file)),
    );
    expect(misplaced).toEqual([]);
  });

  it('knows a folder that is nowhere in the source', () => {
    expect(isFolder(sourceFolder('main/core/auth') ?? '')).toBe(true);
    expect(isFolder(sourceFolder('harness/idp/profiles') ?? '')).toBe(true);
    expect(isFolder(sourceFolder('bench-idp') ?? '')).toBe(false);
  });
});
