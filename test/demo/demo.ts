// `npm run demo`: the app working without a mailcow. Starts the test bench (oidc-provider IdP,
// mailcow emulator + broker, Dovecot, a private gnome-keyring so the real keychain is never
// touched) and opens the app against it: in Electron when its binary is installed, otherwise
// the built UI in Debian's Chromium with the built preload bound to the real core over HTTP
// (headed when a display exists; else it prints the URL and keeps serving). Ctrl-C stops all.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesktopApi } from '../../main/desktop/api.js';
import { CHROMIUM_PATH } from '../harness/browser.js';
import { startKeyring } from '../harness/keyring.js';
import { spawnBench, stopProcess } from '../harness/processes.js';
import { benchPlatform, startDesktopBench, writeDiscoveryFile } from '../e2e/desktop/bench.js';
import { ensurePreloadBuilt } from '../e2e/desktop/preload-host.js';
import { ensureRendererBuilt } from '../e2e/desktop/renderer-server.js';
import { serveDemo } from './http-bridge.js';

const ROOT = new URL('../../', import.meta.url);
const version = (
  JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
    version: string;
  }
).version;
const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** Electron's binary, when `npm start` (or electron's install script) has fetched it. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const stops: Array<() => Promise<unknown>> = [];
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const keyring = await startKeyring();
  stops.push(() => keyring.stop());
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
  const db = await startDesktopBench();
  stops.push(() => db.stop());
  const config = await writeDiscoveryFile(db);
  const alice = db.bench.idp.users.alice;
  say(`bench ready: IdP ${db.bench.idp.issuer}, broker ${db.bench.broker.url}`);
  say(`demo users: ${alice.email} / ${alice.password}, bob@example.test / bob-correct-horse`);

  const electron = electronBinary();
  let app: ChildProcess;
  if (electron) {
    app = spawn(electron, [new URL('.', ROOT).pathname], {
      stdio: 'inherit',
      env: {
        ...process.env,
        APPPASS_DEMO: '1',
        APPPASS_CONFIG: config,
        APPPASS_DATA_DIR: db.dataDir,
        APPPASS_INSECURE_HTTP: '1',
        NODE_EXTRA_CA_CERTS: db.dovecot.caFile,
      },
    });
    say('opened in Electron');
  } else {
    await Promise.all([ensureRendererBuilt(), ensurePreloadBuilt()]);
    const profile = await mkdtemp(join(tmpdir(), 'apppass-demo-chromium-'));
    stops.push(() => rm(profile, { recursive: true, force: true }));
    const chromium = (url: string) =>
      spawnBench(CHROMIUM_PATH, [`--user-data-dir=${profile}`, '--no-first-run', url]);
    const server = await serveDemo((emit) => {
      const api = createDesktopApi(
        benchPlatform(db, config, {
          emit,
          appInfo: { version, demo: true },
          openInBrowser: async (url) => {
            if (hasDisplay) chromium(url);
            else say(`sign-in page (open it in a browser on this machine): ${url}`);
          },
        }),
      );
      stops.push(async () => api.shutdown());
      return api;
    });
    stops.push(() => server.stop());
    say(`app: ${server.url}`);
    if (!hasDisplay) {
      say('no display: open the app URL above in a browser on this machine; Ctrl-C stops.');
      await new Promise<never>(() => undefined);
    }
    app = chromium(`--app=${server.url}`);
  }
  stops.push(() => stopProcess(app));
  app.once('exit', () => void stopAll(0));
} catch (error) {
  process.stderr.write(`[demo] could not start: ${(error as Error).message}\n`);
  await stopAll(1);
}
