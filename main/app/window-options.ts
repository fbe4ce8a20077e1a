import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

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

/** Options for the main window; `preload` is the CommonJS bundle (sandboxed preloads need it). */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 960,
    height: 720,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title: 'AppPass',
    backgroundColor: '#1b1d23',
    autoHideMenuBar: true,
    webPreferences: { preload, ...SECURE_WEB_PREFERENCES },
  };
}
