import { BrowserWindow } from 'electron';

/**
 * Creates the one app window (not yet loaded); it shows itself at its first paint. Every
 * option is written here, at the BrowserWindow call, where a reviewer (and Electronegativity)
 * looks: an isolated, sandboxed renderer without Node, whose preload (the CommonJS bundle a
 * sandbox needs) exposes window.apppass only. Auxclick is off so a middle click cannot open
 * anything; new windows are denied in security.ts anyway.
 */
export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 720,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title: 'AppPass',
    backgroundColor: '#1b1d23',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
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
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
