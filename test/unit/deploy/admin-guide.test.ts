// The admin guide shows the deploy/ files verbatim, so what the tests run is what admins copy.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const EMBED = /<!-- (deploy\/[^ ]+) -->\n```[a-z]*\n([\s\S]*?)\n```/g;

async function deployFiles(dir = 'deploy'): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await deployFiles(path)));
    else out.push(path);
  }
  return out.sort();
}

describe('docs/admin.md and deploy/', () => {
  it('embeds every deploy file exactly as it is (node scripts/embed-deploy.mjs refreshes)', async () => {
    const guide = await readFile('docs/admin.md', 'utf8');
    const embeds = [...guide.matchAll(EMBED)].map((m) => ({ file: m[1] ?? '', body: m[2] ?? '' }));
    const shown = new Set(embeds.map((e) => e.file));
    // the Dockerfile (and its .dockerignore) is built from, not copied: the guide names it
    const expected = (await deployFiles()).filter((f) => !f.startsWith('deploy/Dockerfile'));
    expect([...shown].sort()).toEqual(expected);
    for (const e of embeds) {
      const file = (await readFile(e.file, 'utf8')).replace(/\n$/, '');
      expect(e.body === file, `${e.file} differs from its copy in docs/admin.md`).toBe(true);
    }
  });
});
