// Regenerates build/icon.png (1024x1024, transparent) from build/icon.svg with Chromium:
//   node build/render-icon.mjs
// electron-builder derives the .icns, .ico and Linux icon sizes from that PNG.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  await page.locator('svg').screenshot({
    path: fileURLToPath(new URL('./icon.png', import.meta.url)),
    omitBackground: true,
  });
} finally {
  await browser.close();
}
