import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Electronegativity (Doyensec's Electron reviewer) over the desktop app's sources: main/ and
// the renderer (its sources and index.html; not dist/ or node_modules/). Global checks (CSP,
// navigation limits, permission handler) look across the whole input, so it is run once.

const ROOT = join(import.meta.dirname, '../../../..');
const BIN = join(ROOT, 'node_modules/.bin/electronegativity');
const ELECTRON = (
  JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;

interface Finding {
  check: string;
  severity: string;
  file: string;
  sample: string;
}

/** The CSV report: one finding a line, fields quoted when they need it. */
function parseCsv(text: string): Finding[] {
  return text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const fields = [...line.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)]
        .filter((m) => m.index === 0 || line[m.index - 1] === ',')
        .map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
      const [check = '', severity = '', , file = '', , sample = ''] = fields;
      return { check, severity, file: file.replace(/^.*?\/input\//, ''), sample };
    });
}

/** Sources the tool reads: main/ and the renderer's sources and page (not dist/). */
const INPUTS = ['main', 'renderer/src', 'renderer/index.html'];

async function sourceFiles(): Promise<string[]> {
  const found: string[] = [];
  for (const input of INPUTS) {
    const path = join(ROOT, input);
    if ((await stat(path)).isFile()) found.push(input);
    else
      for (const e of await readdir(path, { recursive: true, withFileTypes: true }))
        if (e.isFile()) found.push(relative(ROOT, join(e.parentPath, e.name)));
  }
  return found;
}

/**
 * The tool's own review mark, `eng-disable CHECK` at the end of the one line it flags, is
 * allowed only under a comment that says why the line is safe ("Reviewed (Electronegativity
 * CHECK): ..."), where the reviewer reads it, and never for a whole file (first line).
 */
async function unexplainedDisables(): Promise<string[]> {
  const bad: string[] = [];
  for (const file of await sourceFiles()) {
    const lines = (await readFile(join(ROOT, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      const checks = /eng-disable[ \t]+([\w \t]+)/
        .exec(line)?.[1]
        ?.trim()
        .split(/[ \t]+/);
      if (!checks) return;
      const review = lines.slice(Math.max(0, i - 3), i).join(' ');
      for (const check of checks)
        if (i === 0 || !review.includes(`Reviewed (Electronegativity ${check}):`))
          bad.push(`${file}:${i + 1} ${check}`);
    });
  }
  return bad;
}

describe('Electronegativity', () => {
  it('finds nothing of high or medium severity in main/ and the renderer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'electronegativity-'));
    try {
      const input = join(dir, 'input');
      for (const source of INPUTS)
        await cp(join(ROOT, source), join(input, source), { recursive: true });
      const report = join(dir, 'report.csv');
      await promisify(execFile)(BIN, ['-i', input, '-e', ELECTRON, '-o', report, '-v', 'false'], {
        cwd: dir,
        maxBuffer: 16 << 20,
      });
      const findings = parseCsv(await readFile(report, 'utf8'));
      expect(findings.length).toBeGreaterThan(0); // the CSP review (low) at least: the run worked
      const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
      expect(serious).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes a review mark only under the written review of that line', async () => {
    expect(await unexplainedDisables()).toEqual([]);
  });
});
