import { BrowserWindow, screen } from 'electron';
import { MIN_WINDOW, readWindowState, restoredBounds, writeWindowState } from './window-state.js';

/**
 * Creates the one app window (not yet loaded) where it was last closed (window-state.ts); it
 * shows itself at its first paint and saves its size, position and maximized state when closed.
 * Every option is written here, at the BrowserWindow call, where a reviewer (and
 * Electronegativity) looks: an isolated, sandboxed renderer without Node, whose preload (the
 * CommonJS bundle a sandbox needs) exposes window.apppass only. Auxclick is off so a middle
 * click cannot open anything; new windows are denied in security.ts anyway.
 */
export async function createMainWindow(preload: string, stateFile: string): Promise<BrowserWindow> {
  const saved = await readWindowState(stateFile);
  const areas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    width: 960,
    height: 720,
    ...restoredBounds(saved, areas, MIN_WINDOW),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'AppPass',
    backgroundColor: '#1b1d23',
    autoHideMenuBar: true,
    webPreferences: {
      // Reviewed (Electronegativity PRELOAD_JS_CHECK): our own bundle (main/app/preload.ts),
      // which exposes window.apppass through contextBridge and nothing else.
      preload, // eng-disable PRELOAD_JS_CHECK
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
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const state = { ...window.getNormalBounds(), maximized: window.isMaximized() };
    void writeWindowState(stateFile, state).catch(() => undefined);
  });
  return window;
}
