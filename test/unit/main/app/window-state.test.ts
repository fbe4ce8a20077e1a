import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../../main/app/menu-template.js';
import {
  readWindowState,
  restoredBounds,
  windowStateFile,
  writeWindowState,
} from '../../../../main/app/window-state.js';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };
const min = { width: 560, height: 480 };

describe('window state', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through window.json, and ignores a broken file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apppass-window-'));
    dirs.push(dir);
    const file = windowStateFile(dir);
    expect(await readWindowState(file)).toBeNull();
    const state = { x: 100, y: 80, width: 1000, height: 700, maximized: true };
    await writeWindowState(file, state);
    expect(await readWindowState(file)).toEqual(state);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state);
    await writeFile(file, '{"x": "left"');
    expect(await readWindowState(file)).toBeNull();
  });

  it('reopens where it was, on a screen that is still there', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, maximized: false };
    expect(restoredBounds(saved, [screen], min)).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
    });
    // Second monitor to the right was unplugged: default placement.
    expect(restoredBounds({ ...saved, x: 2500 }, [screen], min)).toBeNull();
    expect(restoredBounds(null, [screen], min)).toBeNull();
  });

  it('keeps the window inside the screen and no smaller than the minimum', () => {
    const big = { x: 1500, y: 0, width: 3000, height: 200, maximized: false };
    expect(restoredBounds(big, [screen], min)).toEqual({ x: 0, y: 0, width: 1920, height: 480 });
  });
});

describe('application menu', () => {
  const roles = (platform: NodeJS.Platform) =>
    JSON.stringify(menuTemplate(platform)).match(/"role":"\w+"/g) ?? [];

  it('has the standard menus, with the app menu on macOS only', () => {
    expect(roles('linux')).toEqual(
      expect.arrayContaining(['"role":"fileMenu"', '"role":"editMenu"']),
    );
    expect(roles('linux')).not.toContain('"role":"appMenu"');
    expect(roles('darwin')[0]).toBe('"role":"appMenu"');
  });

  it('offers no reload and no developer tools (a reload would lose a password shown once)', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(roles(platform).join()).not.toMatch(/reload|toggleDevTools|forceReload/i);
    }
  });
});
