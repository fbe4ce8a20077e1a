import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../../../main/core/vault/index.js';

describe('defaultDataDir', () => {
  it('honours APPPASS_DATA_DIR everywhere', () => {
    expect(defaultDataDir({ APPPASS_DATA_DIR: '/srv/x', HOME: '/home/a' }, 'linux')).toBe('/srv/x');
    expect(defaultDataDir({ APPPASS_DATA_DIR: 'D:\\x' }, 'win32')).toBe('D:\\x');
  });
  it('uses XDG_DATA_HOME or ~/.local/share on Linux', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data', HOME: '/home/a' }, 'linux')).toBe(
      '/x/data/apppass',
    );
    expect(defaultDataDir({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.local/share/apppass');
  });
  it('uses %APPDATA%\\AppPass on Windows', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\AppPass',
    );
  });
  it('uses ~/Library/Application Support/AppPass on macOS', () => {
    expect(defaultDataDir({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/AppPass',
    );
  });
});
