// Bundles the sandboxed preload to CommonJS (a sandboxed preload can only require('electron')).
// One definition for `npm run build:node` and for the e2e tests, which run the same bundle.
import { build } from 'esbuild';

export const PRELOAD_ENTRY = 'main/app/preload.ts';
export const PRELOAD_BUNDLE = 'dist/main/app/preload.cjs';

export async function buildPreload(cwd = process.cwd()) {
  await build({
    absWorkingDir: cwd,
    entryPoints: [PRELOAD_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2023',
    external: ['electron'],
    logLevel: 'warning',
    outfile: PRELOAD_BUNDLE,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPreload();
