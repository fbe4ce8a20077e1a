import { app, dialog, type BrowserWindow } from 'electron';
import { updateFeedUrl } from '../core/updates/feed.js';
import { configureUpdater } from '../core/updates/updater.js';
import { restartQuestion } from '../desktop/update-question.js';

/**
 * Updates from the generic feed the discovery document names (off without one): downloaded
 * and sha512-checked in the background, installed only when the person says "Restart now".
 */
export async function setupUpdates(dataDir: string, window: () => BrowserWindow | null) {
  const feed = await updateFeedUrl(dataDir);
  if (!feed || !app.isPackaged) return;
  const { default: electronUpdater } = await import('electron-updater');
  const updater = configureUpdater(electronUpdater.autoUpdater, feed);
  updater.on('update-downloaded', (info: { version: string }) => {
    const question = restartQuestion(app.getLocale(), info.version);
    const parent = window();
    const options = { type: 'question' as const, ...question, defaultId: 1, cancelId: 1 };
    void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)).then(
      ({ response }) => {
        if (response === 0) updater.quitAndInstall();
      },
    );
  });
  updater.on('error', (error: Error) => console.error('[apppass] update failed:', error.name));
  void updater.checkForUpdates().catch(() => undefined);
}
