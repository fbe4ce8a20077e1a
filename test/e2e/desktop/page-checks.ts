import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MIN_WINDOW } from '../../../main/app/window-state.js';
import { de } from '../../../renderer/src/i18n/de.js';
import { en } from '../../../renderer/src/i18n/en.js';

/** Committed: the README shows the main screens from here. */
export const SCREENSHOT_DIR = join(process.cwd(), 'docs', 'screenshots');

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

/** What a screen check found; every list must be empty. */
export interface ScreenFindings {
  /** axe-core rule ids with the offending elements, per variant. */
  axe: string[];
  /** Rendered German text that is an English catalogue string. */
  english: string[];
  /** Set when the page is wider than the window at the minimum window width. */
  overflow: string[];
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations on the page as it is (evaluated over CDP: the page's CSP stays on). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })) as {
      violations: Array<{ id: string; nodes: Array<{ target: string[] }> }>;
    };
  }, AXE_TAGS);
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** English catalogue strings (placeholders as wildcards) that German says differently. */
const ENGLISH_ONLY = Object.entries(en)
  .filter(([key, text]) => de[key as keyof typeof de] !== text)
  .map(([, text]) => {
    const pattern = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+');
    return new RegExp(`^${pattern}$`);
  });

/** Every rendered text node and accessible label on the page that is English, not German. */
export async function englishText(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (text && parent && parent.checkVisibility()) found.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label]'))) {
      found.push(el.getAttribute('aria-label') ?? '');
    }
    return found;
  });
  return texts.filter((text) => ENGLISH_ONLY.some((re) => re.test(text)));
}

/** True when the page scrolls sideways at the minimum window width (560 px). */
async function overflowsAtMinWidth(page: Page): Promise<boolean> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: MIN_WINDOW.width, height: MIN_WINDOW.height });
  const wider = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  if (size) await page.setViewportSize(size);
  return wider;
}

/** One piece of text a screenshot shows or the page carries with it, and where it is. */
export interface ScreenText {
  /** The screenshot: <name>-<language>-<theme>. */
  screen: string;
  /**
   * 'text' (every rendered text node, visible or not), 'accessibility tree <role "name">'
   * (a node's name and value as Playwright's snapshot has them), 'attribute <name>' (labels,
   * titles, placeholders), or 'field #<id> "<label>"' (an input's value, not in the text).
   */
  place: string;
  text: string;
}

/** Everything on the page that is text, by place (see ScreenText). */
export async function screenTexts(page: Page): Promise<Omit<ScreenText, 'screen'>[]> {
  const dom = await page.evaluate(() => {
    const found: { place: string; text: string }[] = [
      { place: 'text', text: document.body.textContent ?? '' },
    ];
    const ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt'];
    for (const el of Array.from(document.querySelectorAll('*')))
      for (const attribute of ATTRIBUTES) {
        const text = el.getAttribute(attribute);
        if (text) found.push({ place: `attribute ${attribute}`, text });
      }
    for (const el of Array.from(document.querySelectorAll('input, textarea, select'))) {
      const field = el as HTMLInputElement;
      const label = field.labels?.[0]?.textContent ?? field.getAttribute('aria-label') ?? '';
      found.push({ place: `field #${field.id} "${label.trim()}"`, text: field.value });
    }
    return found;
  });
  // One entry per node, placed by its role and name: `- textbox "App password"`.
  const tree = (await page.locator('body').ariaSnapshot()).split('\n').map((line) => ({
    place: `accessibility tree ${line.trim().match(/^- [\w-]+(?: "(?:[^"\\]|\\.)*")?/)?.[0] ?? ''}`,
    text: line,
  }));
  return [...dom, ...tree];
}

/**
 * Every variant of the screen as it is now: light and dark, English and German. Each is
 * written to <dir>/<name>-<language>-<theme>.png (docs/screenshots by default) and checked
 * with axe-core; the German ones for English text; the page at the minimum window width for
 * overflow. `texts` collects what each screenshot holds as text (the canary scans it).
 */
export async function checkScreen(
  page: Page,
  name: string,
  o: { dir?: string; texts?: ScreenText[] } = {},
): Promise<ScreenFindings> {
  const dir = o.dir ?? SCREENSHOT_DIR;
  await mkdir(dir, { recursive: true });
  const findings: ScreenFindings = { axe: [], english: [], overflow: [] };
  for (const language of ['en', 'de'] as const) {
    await page.getByRole('combobox', { name: /^(Language|Sprache)$/ }).selectOption(language);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const screen = `${name}-${language}-${colorScheme}`;
      await page.screenshot({ path: join(dir, `${screen}.png`), fullPage: true });
      for (const text of o.texts ? await screenTexts(page) : []) o.texts?.push({ screen, ...text });
      const variant = `${name} ${language} ${colorScheme}`;
      findings.axe.push(...(await axeViolations(page)).map((v) => `${variant}: ${v}`));
    }
    if (language === 'de')
      findings.english.push(...(await englishText(page)).map((t) => `${name}: ${t}`));
  }
  if (await overflowsAtMinWidth(page)) findings.overflow.push(name);
  await page.getByRole('combobox', { name: /^(Language|Sprache)$/ }).selectOption('en');
  await page.emulateMedia({ colorScheme: 'light' });
  return findings;
}
