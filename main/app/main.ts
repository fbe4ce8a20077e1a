/**
 * Electron entry: wiring only. Each feature has its own setupX(); the logic lives in main/core.
 * Only small modules load before the window exists (npm run bench:startup); the core (mail
 * libraries, keychain binding, HTTP client) loads while the window is being created, and its
 * IPC handlers are registered before the page loads.
 */
import { app, clipboard, Menu, session, type BrowserWindow } from 'electron';
import { defaultDataDir } from '../core/vault/data-dir.js';
import { INDEX_HTML_PATH, PRELOAD_PATH } from './paths.js';
import { saveDialogFor } from './save-dialog.js';
import { openInBrowser, setupSecurity } from './security.js';
import { menuTemplate } from './menu-template.js';
import { createMainWindow } from './window.js';
import { windowStateFile } from './window-state.js';

let mainWindow: BrowserWindow | null = null;

function focusExistingWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function onReady(): Promise<void> {
  setupSecurity(session.defaultSession);
  // The same folder as the `apppass` command: one sign-in, one index, one journal.
  const dataDir = defaultDataDir();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform)));
  mainWindow = await createMainWindow(PRELOAD_PATH, windowStateFile(dataDir));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  const [{ createDesktopApi }, { envOptions }, { emitterFor, setupIpc }, { setupUpdates }] =
    await Promise.all([
      import('../desktop/api.js'),
      import('./env-options.js'),
      import('./ipc-setup.js'),
      import('./updates.js'),
    ]);
  const api = createDesktopApi({
    dataDir,
    openInBrowser,
    clipboard: {
      writeText: (text) => clipboard.writeText(text),
      readText: () => clipboard.readText(),
    },
    emit: emitterFor(() => mainWindow),
    chooseSavePath: saveDialogFor(() => mainWindow),
    ...envOptions(process.env, app.getVersion()),
  });
  app.on('will-quit', () => api.shutdown());
  // Handlers first, so the page never calls a channel that is not there yet.
  setupIpc(mainWindow, api);
  await mainWindow.loadFile(INDEX_HTML_PATH);
  await setupUpdates(dataDir, () => mainWindow);
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusExistingWindow);
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(onReady, (error: unknown) => {
    console.error('[apppass] start-up failed', (error as Error).name);
    app.exit(1);
  });
}
