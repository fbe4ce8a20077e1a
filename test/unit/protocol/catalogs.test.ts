import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../../main/cli/render/errors.js';
import { HINT_TEXT } from '../../../main/cli/render/hints.js';
import { ERROR_CODES, HINT_CODES, IPC_ERROR_CODES } from '../../../protocol/messages.js';
import { codesDe } from '../../../renderer/src/i18n/codes-de.js';
import { codesEn } from '../../../renderer/src/i18n/codes-en.js';

// Every code the core speaks has its wording in the command (English) and in the desktop app
// (English and German), with the same placeholders in both desktop languages.

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('message catalogs', () => {
  it.each(ERROR_CODES)('error %s: the command, English and German', (code) => {
    expect(ERROR_TEXT[code], code).toBeTypeOf('function');
    expect(codesEn.errors[code], code).toBeTruthy();
    expect(codesDe.errors[code], code).toBeTruthy();
    expect(placeholders(codesDe.errors[code]), code).toEqual(placeholders(codesEn.errors[code]));
  });

  it.each(IPC_ERROR_CODES)('desktop error %s: English and German', (code) => {
    expect(codesEn.errors[code]).toBeTruthy();
    expect(codesDe.errors[code]).toBeTruthy();
  });

  it.each(HINT_CODES)('hint %s: the command, English and German', (code) => {
    expect(HINT_TEXT[code], code).toBeTypeOf('function');
    expect(codesEn.hints[code], code).toBeTruthy();
    expect(codesDe.hints[code], code).toBeTruthy();
    expect(placeholders(codesDe.hints[code]), code).toEqual(placeholders(codesEn.hints[code]));
  });

  it('knows every error code the core throws', async () => {
    const known = new Set<string>(ERROR_CODES);
    const thrown = new Set<string>();
    for (const file of await sourceFiles(join(import.meta.dirname, '../../../main/core'))) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/new (?:AppPassError|BrokerError)\(\s*'([a-z_-]+)'/g))
        thrown.add(m[1] ?? '');
      for (const m of text.matchAll(/make\('([a-z_]+)'/g)) thrown.add(m[1] ?? '');
    }
    expect(thrown.size).toBeGreaterThan(20);
    expect([...thrown].filter((code) => !known.has(code))).toEqual([]);
  });
});
