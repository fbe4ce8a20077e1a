import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Rect } from './window-state.js';

/**
 * The only webPreferences our window may have. Applied last in the factory, so no caller can
 * weaken them.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

export const MIN_WINDOW = { width: 560, height: 480 } as const;

/**
 * Options for the main window; `preload` is the CommonJS bundle (sandboxed preloads need it),
 * `bounds` the remembered size and position (main/app/window-state.ts), when still on screen.
 */
export function mainWindowOptions(
  preload: string,
  bounds: Rect | null = null,
): BrowserWindowConstructorOptions {
  return {
    width: 960,
    height: 720,
    ...bounds,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'AppPass',
    backgroundColor: '#1b1d23',
    autoHideMenuBar: true,
    webPreferences: { preload, ...SECURE_WEB_PREFERENCES },
  };
}
