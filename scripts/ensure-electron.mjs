// `npm start` helper. The project's .npmrc turns dependency install scripts off (nothing else
// needs them), so Electron's own download step is run here, once, when its binary is absent.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');

function binaryPresent() {
  if (!existsSync(pathFile)) return false;
  const rel = readFileSync(pathFile, 'utf8').trim();
  return existsSync(join(electronDir, 'dist', rel));
}

if (!binaryPresent()) {
  console.error('Electron binary missing: downloading it (node_modules/electron/install.js)...');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (r.status !== 0 || !binaryPresent()) {
    console.error(
      'Could not download the Electron binary. Check your network or set ELECTRON_MIRROR; ' +
        'everything else (CLI, broker, tests) runs without it.',
    );
    process.exit(1);
  }
}
