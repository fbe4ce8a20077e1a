import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../harness/browser.js';
import { startIdp, type Idp } from '../../../harness/idp.js';
import { authorizationRequest, redeemCode } from '../../../harness/idp/pkce-client.js';
import { startLoopbackListener } from './helpers.js';

describe('Chromium bench part', () => {
  let browser: Browser;
  let idp: Idp;
  beforeAll(async () => {
    const started = performance.now();
    browser = await launchChromium();
    console.info(`Chromium launch: ${Math.round(performance.now() - started)} ms`);
    idp = await startIdp();
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
  });

  it('renders a page served by a local HTTP server', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        '<!doctype html><title>bench</title><p id="x">rendered by <b>Chromium</b></p><script>document.title="js ran"</script>',
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(await page.textContent('#x')).toBe('rendered by Chromium');
      expect(await page.title()).toBe('js ran');
      await page.close();
    } finally {
      server.close();
    }
  });

  it('completes the IdP login in the browser; the loopback listener gets a code that redeems', async () => {
    const listener = await startLoopbackListener();
    const context = await browser.newContext();
    try {
      const req = authorizationRequest(idp.issuer, idp.clientId, listener.redirectUri);
      await idp.completeLoginInBrowser(await context.newPage(), req.url, idp.users.alice);
      const callback = await listener.received;
      expect(callback.searchParams.get('state')).toBe(req.state);
      expect(callback.searchParams.get('iss')).toBe(idp.issuer);
      const tokens = await redeemCode(
        idp.issuer,
        idp.clientId,
        callback.searchParams.get('code') ?? '',
        req.redirectUri,
        req.verifier,
      );
      expect(tokens.status).toBe(200);
      expect(typeof tokens.body.refresh_token).toBe('string');
    } finally {
      await context.close();
      await listener.stop();
    }
  });

  it('denying consent in the browser brings error=access_denied to the listener', async () => {
    const listener = await startLoopbackListener();
    const context = await browser.newContext();
    try {
      const req = authorizationRequest(idp.issuer, idp.clientId, listener.redirectUri);
      await idp.completeLoginInBrowser(await context.newPage(), req.url, idp.users.bob, {
        deny: true,
      });
      expect((await listener.received).searchParams.get('error')).toBe('access_denied');
    } finally {
      await context.close();
      await listener.stop();
    }
  });

  it('a wrong password in the browser fails', async () => {
    const context = await browser.newContext();
    try {
      const req = authorizationRequest(idp.issuer, idp.clientId, 'http://127.0.0.1:5555/callback');
      const wrong = { ...idp.users.carol, password: 'not-carols-password' };
      await expect(
        idp.completeLoginInBrowser(await context.newPage(), req.url, wrong),
      ).rejects.toThrow(/invalid email or password/);
    } finally {
      await context.close();
    }
  });
});
