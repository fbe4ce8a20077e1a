import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './window-options.js';

/** Creates the one app window (not yet loaded); it shows itself at its first paint. */
export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preload));
  window.once('ready-to-show', () => window.show());
  return window;
}
