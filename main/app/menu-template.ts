import type { MenuItemConstructorOptions } from 'electron';

/**
 * The standard application menu, built from Electron's roles so each platform gets its own
 * labels and shortcuts: the app menu on macOS, File (Quit/Close), Edit (undo, cut, copy,
 * paste, select all: text fields need them on macOS), View (zoom, full screen) and Window.
 * No reload and no developer tools: a reload would drop a password shown once.
 */
export function menuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: mac ? 'View' : '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
