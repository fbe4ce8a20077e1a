import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The core builds no sentence for a person: every string literal of main/core with the shape
// of one (three words in a row) is listed here unless it is technical by its place:
// - an exception's message (`new …Error(…)`, `new …Failure(…)`, `super(…)`): for logs, and a
//   CheckFailure's message is the report's technical `detail` (protocol/report.ts), English
//   evidence beside the hint codes the faces word;
// - ALLOWED below: the other technical details of the check's report, each with its place.

const ROOT = join(import.meta.dirname, '../../../..');
const CORE = join(ROOT, 'main/core');
const SENTENCE = /[A-Za-z][a-z]*,? [a-z]+,? [a-z]+/;

/** Report evidence (protocol/report.ts `detail`), not worded for a person. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'main/core/diagnostics/autoconfig-check.ts': ['no answer before the run deadline'],
  'main/core/diagnostics/clock.ts': ['{} sent no valid Date header'],
  'main/core/diagnostics/findings.ts': ['neither autoconfig nor https://{} answered'],
};

function literalText(n: ts.Node): string | undefined {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n))
    return n.head.text + n.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  return undefined;
}

const inModuleName = (n: ts.Node) =>
  ts.isImportDeclaration(n.parent) || ts.isExportDeclaration(n.parent);

/** Part of an exception's message argument; never an AppPassError's (its params are worded). */
function inException(n: ts.Node): boolean {
  for (let p = n.parent; p && !ts.isBlock(p) && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isObjectLiteralExpression(p)) return false;
    if (ts.isNewExpression(p)) {
      const name = p.expression.getText();
      return name !== 'AppPassError' && /(Error|Failure)$/.test(name);
    }
    if (ts.isCallExpression(p) && p.expression.kind === ts.SyntaxKind.SuperKeyword) return true;
  }
  return false;
}

/** `file: text` of every sentence-shaped literal of `file` outside an exception. */
export function sentencesIn(file: string, source: string, root = ROOT): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const name = relative(root, file);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    const text = literalText(n);
    if (text !== undefined && SENTENCE.test(text) && !inModuleName(n) && !inException(n)) {
      if (!ALLOWED[name]?.includes(text)) found.push(`${name}: ${text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('no sentence in the core', () => {
  it('finds a sentence where one is built', () => {
    const file = join(CORE, 'example.ts');
    expect(sentencesIn(file, "const note = 'The rotation was undone.';")).toEqual([
      'main/core/example.ts: The rotation was undone.',
    ]);
    expect(sentencesIn(file, 'progress(`Revoking the old app password ${id}…`);')).toHaveLength(1);
    expect(
      sentencesIn(file, "throw new CheckFailure('protocol_error', 'the server closed it');"),
    ).toEqual([]);
    expect(sentencesIn(file, "const code = { code: 'rotation_undone', params: {} };")).toEqual([]);
    const worded = "new AppPassError('x', 'auth', { params: { reason: 'it went wrong here' } })";
    expect(sentencesIn(file, worded)).toHaveLength(1);
  });

  it('main/core words nothing: codes and params only', async () => {
    const entries = await readdir(CORE, { withFileTypes: true, recursive: true });
    const files = entries
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) found.push(...sentencesIn(file, await readFile(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
