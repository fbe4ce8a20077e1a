import type { Page } from 'playwright-core';
import type { IdpUser } from './accounts.js';

/**
 * Completes the IdP's login and consent pages in a real Chromium page, then lets the browser
 * follow the redirect to the loopback listener. Pages already satisfied (an existing IdP
 * session) are skipped, as a person would see them skipped.
 */
export async function completeLoginInBrowser(
  page: Page,
  authorizationUrl: string,
  user: IdpUser,
  o: { deny?: boolean } = {},
): Promise<void> {
  const idpOrigin = new URL(authorizationUrl).origin;
  const leftIdp = (u: URL) => u.origin !== idpOrigin;
  await page.goto(authorizationUrl);
  for (let pages = 0; pages < 5; pages++) {
    if (leftIdp(new URL(page.url()))) return;
    const which = await Promise.race([
      page.waitForURL(leftIdp, { waitUntil: 'commit' }).then(() => 'done' as const),
      page
        .waitForSelector('#error, #login, #allow')
        .then(async (el) => (await el.getAttribute('id')) ?? ''),
    ]);
    if (which === 'done') return;
    if (which === 'error') throw new Error('IdP login failed: invalid email or password');
    if (which === 'login') {
      await page.fill('input[name="login"]', user.email);
      await page.fill('input[name="password"]', user.password);
      await Promise.all([page.waitForEvent('framenavigated'), page.click('#submit')]);
    } else {
      await page.click(o.deny ? '#cancel' : '#allow');
      await page.waitForURL(leftIdp, { waitUntil: 'commit' });
      return;
    }
  }
  throw new Error('IdP login did not reach the redirect in the browser');
}
