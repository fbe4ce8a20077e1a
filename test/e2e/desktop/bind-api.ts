import type { Frame, Page } from 'playwright-core';

type BindingSource = { frame: Frame };
import type { AppPassEvents, AppPassInvokes } from '../../../main/contract.js';
import { INVOKE_CHANNELS } from '../../../main/contract.js';
import { makeHandler } from '../../../main/app/ipc.js';

const BINDING_PREFIX = '__apppass_';

/**
 * Builds `window.apppass` in the page exactly as the preload does: every call goes through the
 * same handler main/app registers (argument validation, safe errors), answers { ok, value |
 * error }, and a failure rejects with { code, message }.
 */
function installApi(init: { names: readonly string[]; prefix: string }): void {
  type Binding = (...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
  const w = window as unknown as Record<string, unknown>;
  const listeners = new Set<(payload: unknown) => void>();
  const api: Record<string, unknown> = {};
  for (const name of init.names) {
    api[name] = async (...args: unknown[]) => {
      const result = await (w[init.prefix + name] as Binding)(...args);
      if (!result.ok) throw result.error;
      return result.value;
    };
  }
  api.onDoctorEvent = (listener: (payload: unknown) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  w[`${init.prefix}emit`] = (name: string, payload: unknown) => {
    if (name === 'doctor') for (const listener of listeners) listener(payload);
  };
  Object.defineProperty(window, 'apppass', { value: Object.freeze(api) });
}

/** Binds each contract entry to `impl`; only the page's main frame on `pageUrl` may call. */
export async function bindApi(page: Page, impl: AppPassInvokes, pageUrl: string): Promise<void> {
  const origin = new URL(pageUrl).origin;
  for (const name of INVOKE_CHANNELS) {
    const handler = makeHandler<BindingSource>(
      name,
      impl,
      (source) =>
        source.frame === page.mainFrame() && new URL(source.frame.url()).origin === origin,
    );
    await page.exposeBinding(BINDING_PREFIX + name, (source, ...args: unknown[]) =>
      handler(source, ...args),
    );
  }
  await page.addInitScript(installApi, { names: INVOKE_CHANNELS, prefix: BINDING_PREFIX });
}

/** The `emit` of DesktopPlatform for a page bound with bindApi. */
export function pageEmitter(page: Page) {
  return <K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]): void => {
    void page
      .evaluate(
        ([n, p, prefix]) =>
          (window as unknown as Record<string, (n: string, p: unknown) => void>)[`${prefix}emit`]?.(
            n,
            p,
          ),
        [name, payload, BINDING_PREFIX] as const,
      )
      .catch(() => undefined);
  };
}
