/**
 * The window's size and position, remembered between runs (window.json in the data folder).
 * Plain logic, no electron: main/app/window.ts reads and writes it around the real window.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/vault/atomic-file.js';

/** The smallest window the layout is made for (no overflow at this width, checked in e2e). */
export const MIN_WINDOW = { width: 560, height: 480 } as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

/** Checked by hand: this module loads before the window, zod would cost start-up time. */
function asWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const int = (n: unknown) => Number.isInteger(n);
  const ok =
    int(v.x) &&
    int(v.y) &&
    int(v.width) &&
    int(v.height) &&
    (v.width as number) > 0 &&
    (v.height as number) > 0 &&
    typeof v.maximized === 'boolean';
  if (!ok) return null;
  const { x, y, width, height, maximized } = v as unknown as WindowState;
  return { x, y, width, height, maximized };
}

export const windowStateFile = (dataDir: string): string => join(dataDir, 'window.json');

/** The saved state, or null when there is none or it is unreadable (then the defaults apply). */
export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    return asWindowState(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Where to open the window: the saved bounds when their title bar area still lies on a screen
 * (a monitor may have been unplugged), no larger than that screen and no smaller than the
 * minimum; null otherwise (centre with the default size).
 */
export function restoredBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  min: { width: number; height: number },
): Rect | null {
  if (!saved) return null;
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const area = [...workAreas].sort((a, b) => overlap(titleBar, b) - overlap(titleBar, a))[0];
  if (!area || overlap(titleBar, area) < Math.min(100, saved.width) * 20) return null;
  const width = Math.min(Math.max(saved.width, min.width), area.width);
  const height = Math.min(Math.max(saved.height, min.height), area.height);
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
