/**
 * Runs the preload that ships (dist/main/app/preload.cjs, built by scripts/build-preload.mjs)
 * in a plain Chromium page. Electron is not there, so `require('electron')` answers stand-ins:
 * `contextBridge.exposeInMainWorld` defines a frozen global, `ipcRenderer.invoke` hands the
 * channel and arguments to a transport (a Playwright binding in the e2e tests, HTTP in the
 * demo), and `ipcRenderer.on` receives what main's `webContents.send` would push.
 * Main's side is the real one: the handlers `registerInvokes` (main/app/ipc.ts) registers.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { registerInvokes, type IpcResult } from '../../../main/app/ipc.js';
import { eventChannel, type AppPassEvents, type AppPassInvokes } from '../../../main/contract.js';
import { buildPreload, PRELOAD_BUNDLE, PRELOAD_ENTRY } from '../../../scripts/build-preload.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The global the stand-in `ipcRenderer` receives pushed events on. */
export const DELIVER = '__apppassIpcDeliver';
/** The Playwright binding the stand-in `ipcRenderer.invoke` calls in the e2e tests. */
const INVOKE_BINDING = '__apppassIpcInvoke';

/** Builds the preload bundle when it is missing or older than its sources. */
export async function ensurePreloadBuilt(): Promise<string> {
  const bundle = join(ROOT, PRELOAD_BUNDLE);
  const sources = [PRELOAD_ENTRY, 'main/contract.ts', 'main/app/ipc.ts'];
  const newest = Math.max(...sources.map((s) => statSync(join(ROOT, s)).mtimeMs));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest) {
    await buildPreload(ROOT);
  }
  return bundle;
}

/**
 * The page script: stand-ins, then the bundle's own text inside a CommonJS wrapper (a script,
 * not eval, so the app's CSP allows it). `invokeSource` is a function expression
 * `(channel, args) => Promise<IpcResult>`; `setupSource` runs first (e.g. opens an event stream).
 */
export async function preloadScript(invokeSource: string, setupSource = ''): Promise<string> {
  const bundle = await readFile(await ensurePreloadBuilt(), 'utf8');
  return `(() => {
  const listeners = new Map();
  const invoke = ${invokeSource};
  const ipcRenderer = {
    invoke: (channel, ...args) => invoke(channel, args),
    on(channel, handler) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(handler);
      return ipcRenderer;
    },
    removeListener(channel, handler) {
      listeners.get(channel)?.delete(handler);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      Object.defineProperty(window, key, { value: Object.freeze({ ...api }) });
    },
  };
  Object.defineProperty(window, ${JSON.stringify(DELIVER)}, {
    value: (channel, payload) => {
      for (const handler of listeners.get(channel) ?? []) handler({}, payload);
    },
  });
  ${setupSource}
  const require = (id) => {
    if (id === 'electron') return { ipcRenderer, contextBridge };
    throw new Error('a sandboxed preload may only require electron, not ' + id);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${bundle}
  })(require, module, module.exports);
})();`;
}

/** main's handler table: what `ipcMain.handle` was given, by channel. */
export type Handlers = Map<string, (event: unknown, ...args: unknown[]) => Promise<IpcResult>>;

/** Registers the real main-side handlers on a stand-in `ipcMain`. */
export function mainHandlers<Event>(
  impl: AppPassInvokes,
  isTrusted: (event: Event) => boolean,
): Handlers {
  const handlers: Handlers = new Map();
  registerInvokes<Event>(
    { handle: (channel, listener) => void handlers.set(channel, listener as never) },
    impl,
    isTrusted,
  );
  return handlers;
}

type BindingSource = Parameters<Parameters<Page['exposeBinding']>[1]>[0];

/**
 * window.apppass in `page` from the built preload, its IPC going to the real handlers; only
 * the page's main frame on `pageUrl`'s origin is trusted (main checks its own window's frame).
 */
export async function bindPreload(page: Page, impl: AppPassInvokes, pageUrl: string) {
  const origin = new URL(pageUrl).origin;
  const handlers = mainHandlers<BindingSource>(
    impl,
    (source) => source.frame === page.mainFrame() && new URL(source.frame.url()).origin === origin,
  );
  await page.exposeBinding(INVOKE_BINDING, (source, channel: string, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    return handler ? handler(source, ...args) : Promise.reject(new Error('no such channel'));
  });
  const invoke = `(channel, args) => window[${JSON.stringify(INVOKE_BINDING)}](channel, ...args)`;
  await page.addInitScript({ content: await preloadScript(invoke) });
}

/** The `emit` of DesktopPlatform for a page bound with bindPreload: main's webContents.send. */
export function pageEmitter(page: Page) {
  return <K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]): void => {
    void page
      .evaluate(
        ([deliver, channel, p]) =>
          (window as unknown as Record<string, (c: string, p: unknown) => void>)[deliver]?.(
            channel,
            p,
          ),
        [DELIVER, eventChannel(name), payload] as const,
      )
      .catch(() => undefined);
  };
}
