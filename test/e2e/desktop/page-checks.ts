import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'desktop');

/** Collects CSP violations and page errors from the moment it is called. */
export function watchPageProblems(page: Page): { csp: string[]; errors: string[] } {
  const found = { csp: [] as string[], errors: [] as string[] };
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) found.csp.push(message.text());
  });
  page.on('pageerror', (error) => found.errors.push(error.message));
  return found;
}

const CONTROL_ROLES = 'button|textbox|combobox|checkbox|radio|link|spinbutton|switch|slider';
/** An aria-snapshot line of a control with no quoted accessible name. */
const UNNAMED = new RegExp(`^\\s*- (${CONTROL_ROLES})(?: \\[[^\\]]*\\])*:?$`);

/** Controls without an accessible name, as the browser's accessibility tree sees them. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot.split('\n').filter((line) => UNNAMED.test(line));
}

/** Presses Tab until `target` has the focus; returns how many presses it took, or null. */
export async function tabUntilFocused(
  page: Page,
  target: ReturnType<Page['getByRole']>,
  maxPresses = 20,
): Promise<number | null> {
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  return null;
}

/** Full-page screenshots for each language and colour scheme. */
export async function screenshotVariants(page: Page, name: string): Promise<string[]> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  for (const language of ['en', 'de'] as const) {
    await page.getByRole('combobox', { name: /Language|Sprache/ }).selectOption(language);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const file = join(SCREENSHOT_DIR, `${name}-${language}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  }
  await page.getByRole('combobox', { name: /Language|Sprache/ }).selectOption('en');
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}
