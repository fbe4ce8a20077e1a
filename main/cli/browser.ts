import { spawn } from 'node:child_process';
import { AppPassError } from '../core/errors.js';

/** The platform's "open this URL" command. */
function opener(url: string): { cmd: string; args: string[] } {
  if (process.platform === 'darwin') return { cmd: 'open', args: [url] };
  // `start` is a cmd built-in; the empty string is the window title it would otherwise eat.
  if (process.platform === 'win32')
    return { cmd: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { cmd: 'xdg-open', args: [url] };
}

/** Opens `url` in the system browser (xdg-open / open / start) without waiting for it. */
export function openSystemBrowser(url: string): Promise<void> {
  const { cmd, args } = opener(url);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', () =>
      reject(new AppPassError('browser_unavailable', 'auth', { params: { command: cmd } })),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
