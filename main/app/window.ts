import { BrowserWindow, screen } from 'electron';
import { MIN_WINDOW, mainWindowOptions } from './window-options.js';
import { readWindowState, restoredBounds, writeWindowState } from './window-state.js';

/**
 * Creates the one app window (not yet loaded) where it was last closed; it shows itself at its
 * first paint and saves its size, position and maximized state to `stateFile` when closed.
 */
export async function createMainWindow(preload: string, stateFile: string): Promise<BrowserWindow> {
  const saved = await readWindowState(stateFile);
  const areas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow(
    mainWindowOptions(preload, restoredBounds(saved, areas, MIN_WINDOW)),
  );
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
