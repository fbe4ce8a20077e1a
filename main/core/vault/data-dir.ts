import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * Where AppPass keeps non-secret files (index, rotation journal):
 * APPPASS_DATA_DIR, else %APPDATA%\AppPass, ~/Library/Application Support/AppPass,
 * or $XDG_DATA_HOME/apppass (default ~/.local/share/apppass).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.APPPASS_DATA_DIR) return env.APPPASS_DATA_DIR;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'AppPass');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'AppPass');
  return posix.join(env.XDG_DATA_HOME || posix.join(home, '.local', 'share'), 'apppass');
}
