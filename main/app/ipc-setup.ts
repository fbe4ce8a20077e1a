import { ipcMain, type BrowserWindow } from 'electron';
import { eventChannel, type AppPassEvents, type AppPassInvokes } from '../contract.js';
import { isTrustedSender, registerInvokes } from './ipc.js';
import { INDEX_URL } from './paths.js';

/** Registers every contract handler, accepting calls only from `window`'s own page. */
export function setupIpc(window: BrowserWindow, impl: AppPassInvokes): void {
  const trusted = { webContents: window.webContents, pageUrl: INDEX_URL };
  registerInvokes(ipcMain, impl, (event) => isTrustedSender(event, trusted));
}

/** Pushes an event to the window, if it still exists. */
export function emitterFor(getWindow: () => BrowserWindow | null) {
  return <K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]): void => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
  };
}
