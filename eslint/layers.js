// @ts-check
/**
 * `apppass/layers`: which part of the repository may import which (docs/architecture.md,
 * "What may import what"). Relative imports are resolved to repository paths, so
 * `main/core/broker` (the broker client) and `broker/` (the service) are told apart, which a
 * pattern on the import text cannot do.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * @typedef {{ path: string, typeOnly?: boolean }} Target
 * @typedef {{ name: string, files: string, may: (string | Target)[], packages?: string[] }} Layer
 */

/** A path ending in '/' is a folder; anything else one file. First match wins. @type {Layer[]} */
export const LAYERS = [
  { name: 'protocol', files: 'protocol/', may: ['protocol/'], packages: ['zod'] },
  { name: 'broker', files: 'broker/', may: ['broker/', 'protocol/'] },
  { name: 'main/contract.ts', files: 'main/contract.ts', may: ['protocol/'] },
  {
    name: 'main/contract-schemas.ts',
    files: 'main/contract-schemas.ts',
    may: ['protocol/', 'main/contract.ts'],
  },
  { name: 'main/core', files: 'main/core/', may: ['main/core/', 'protocol/'] },
  {
    name: 'main/desktop',
    files: 'main/desktop/',
    may: ['main/desktop/', 'main/core/', 'main/cli/render/', 'main/contract.ts', 'protocol/'],
  },
  { name: 'main/cli', files: 'main/cli/', may: ['main/cli/', 'main/core/', 'protocol/'] },
  {
    name: 'main/app',
    files: 'main/app/',
    may: [
      'main/app/',
      'main/desktop/',
      'main/core/',
      'main/cli/render/',
      'main/contract.ts',
      'main/contract-schemas.ts',
      'protocol/',
    ],
  },
  {
    name: 'renderer',
    files: 'renderer/',
    may: ['renderer/', 'protocol/', { path: 'main/contract.ts', typeOnly: true }],
  },
];

/** @param {string} prefix @param {string} file */
const covers = (prefix, file) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix);

/** Repository path of a relative import: `../core/x.js` -> `main/core/x.ts`. */
function resolveRelative(/** @type {string} */ fromFile, /** @type {string} */ spec) {
  const abs = path.resolve(path.dirname(fromFile), spec);
  return path.relative(ROOT, abs).split(path.sep).join('/').replace(/\.js$/, '.ts');
}

/** @param {any} node */
function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specs = node.specifiers ?? [];
  return (
    specs.length > 0 &&
    specs.every((/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type')
  );
}

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import arrows of docs/architecture.md.' },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const layer = LAYERS.find((l) => covers(l.files, file));
    if (!layer) return {};
    /** @param {any} node @param {any} source */
    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.')) {
        const pkg = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : spec.split('/')[0];
        if (layer?.packages && !layer.packages.includes(pkg ?? '')) {
          context.report({
            node: source,
            message: `${layer.name} may depend on ${layer.packages.join(', ')} only, not "${spec}" (docs/architecture.md).`,
          });
        }
        return;
      }
      const target = resolveRelative(context.filename, spec);
      const allowed = layer?.may.find((m) => covers(typeof m === 'string' ? m : m.path, target));
      if (!allowed) {
        const list = layer?.may.map((m) => (typeof m === 'string' ? m : m.path)).join(', ');
        context.report({
          node: source,
          message: `${layer?.name} may import only ${list}; not ${target} (docs/architecture.md).`,
        });
      } else if (typeof allowed !== 'string' && allowed.typeOnly && !isTypeOnly(node)) {
        context.report({
          node: source,
          message: `${layer?.name} may import only types from ${allowed.path} (docs/architecture.md).`,
        });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { layers: layersRule } };
