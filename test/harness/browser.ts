import { chromium, type Browser } from 'playwright-core';
import { benchEnv } from './processes.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian Chromium, headless, through playwright-core. chromium.launch() gives every launch a
 * fresh temporary user-data-dir (playwright_chromiumdev_profile-*) and deletes it at close().
 * Every Chromium process carries APPPASS_BENCH=1 for the leak check: call close() in afterAll.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    env: benchEnv(),
  });
}
