#!/usr/bin/env node
// npm run build:broker -> dist/broker-package/: the broker as a package of its own.
// main.js and healthcheck.js bundle the broker with exactly the code it loads (its npm
// dependencies included), so the folder runs with plain `node` anywhere; package.json and an
// empty package-lock.json make `npm ci --omit=dev` there a no-op that stays one;
// THIRD_PARTY.json lists the bundled packages and versions. APPPASS_BROKER_OUT=<dir> builds
// elsewhere (the tests do, so they never race a developer's dist/). The app's React, Electron and
// keychain code can never be in it: the build fails if any of it is reached.
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const OUT = process.env.APPPASS_BROKER_OUT ?? 'dist/broker-package';
const FORBIDDEN = /node_modules\/(react|react-dom|electron|@napi-rs|imapflow|nodemailer)\//;

const root = JSON.parse(await readFile('package.json', 'utf8'));
await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });

const result = await build({
  entryPoints: { main: 'broker/main.ts', healthcheck: 'broker/healthcheck.ts' },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minifyWhitespace: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (ioredis) call require() for Node's built-ins
  banner: {
    js: "import { createRequire as __apppassRequire } from 'node:module'; const require = __apppassRequire(import.meta.url);",
  },
});

const inputs = Object.keys(result.metafile.inputs);
const forbidden = inputs.filter((f) => FORBIDDEN.test(f));
if (forbidden.length) {
  console.error(`build:broker: the broker reaches app-only code:\n  ${forbidden.join('\n  ')}`);
  process.exit(1);
}

const packages = new Map();
for (const file of inputs) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (!m || packages.has(m[1])) continue;
  const dir = file.slice(0, file.indexOf(m[1]) + m[1].length);
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  packages.set(m[1], { version: pkg.version, license: pkg.license ?? null });
}

const manifest = {
  name: 'apppass-broker',
  version: root.version,
  description: 'AppPass broker for mailcow (bundled; no dependencies to install)',
  license: root.license,
  private: true,
  type: 'module',
  main: 'main.js',
  engines: root.engines,
  scripts: { start: 'node main.js', healthcheck: 'node healthcheck.js' },
};
const lock = {
  name: manifest.name,
  version: manifest.version,
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: manifest.name,
      version: manifest.version,
      license: manifest.license,
      engines: manifest.engines,
    },
  },
};
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
await writeFile(join(OUT, 'package.json'), json(manifest));
await writeFile(join(OUT, 'package-lock.json'), json(lock));
await writeFile(join(OUT, 'THIRD_PARTY.json'), json(Object.fromEntries([...packages].sort())));
console.log(`build:broker: ${OUT} (${packages.size} bundled packages)`);
