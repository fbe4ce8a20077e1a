import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

/** The system's save dialog, in the Downloads folder, for the desktop API's `chooseSavePath`. */
export function saveDialogFor(getWindow: () => BrowserWindow | null) {
  return async (defaultName: string): Promise<string | null> => {
    const options = {
      defaultPath: join(app.getPath('downloads'), defaultName),
      filters: [{ name: 'Apple configuration profile', extensions: ['mobileconfig'] }],
    };
    const window = getWindow();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
