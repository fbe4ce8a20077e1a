import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../../main/core/auth/index.js';
import { startIdp, type Idp } from '../../../../harness/idp.js';
import { freePort } from '../../../../harness/ports.js';
import {
  completeOverHttp,
  loopbackPort,
  refusesConnections,
  SCOPES,
  startSignIn,
} from './helpers.js';
import { wordedRejection } from '../../../../harness/worded.js';

let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp?.stop();
});

/** Every failed sign-in: a clear auth error, a failure page without the code, the port closed. */
async function expectRejected(
  pending: { opened: Promise<string>; result: Promise<unknown> },
  code: string,
  message: RegExp,
): Promise<void> {
  const url = await pending.opened;
  await expect(wordedRejection(pending.result)).rejects.toMatchObject({
    name: 'AppPassError',
    kind: 'auth',
    code,
    message: expect.stringMatching(message),
  });
  expect(await refusesConnections(loopbackPort(url))).toBe(true);
}

describe('signIn refuses a tampered or failed callback', () => {
  it('ignores (404) a stranger’s callback with a wrong or missing state and keeps waiting for the real one', async () => {
    const pending = startSignIn(idp);
    const url = await pending.opened;
    const redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
    // Another local process knocks first: forged state, no state, an error= without state.
    for (const query of ['?code=x&state=forged-state', '?code=x', '?error=access_denied', '']) {
      const res = await fetch(new URL(query, redirect));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('sign-in failed');
    }
    // The real browser then completes the sign-in, which was not aborted.
    const r = await completeOverHttp(idp, url, idp.users.alice);
    expect(r.status).toBe(200);
    await expect(pending.result).resolves.toMatchObject({ sub: idp.users.alice.sub });
    expect(await refusesConnections(loopbackPort(url))).toBe(true);
  });

  it('a callback with a forged state never ends the sign-in: it times out cleanly', async () => {
    const pending = startSignIn(idp, { timeoutMs: 1500 });
    const r = await completeOverHttp(idp, await pending.opened, idp.users.alice, (cb) =>
      cb.searchParams.set('state', 'forged-state'),
    );
    expect(r.status).toBe(404);
    expect(r.page.includes(r.callback.searchParams.get('code') ?? '?')).toBe(false);
    await expectRejected(pending, 'signin_timeout', /timed out/);
  });

  it('rejects a callback naming another issuer (RFC 9207)', async () => {
    const pending = startSignIn(idp);
    const r = await completeOverHttp(idp, await pending.opened, idp.users.alice, (cb) => {
      expect(cb.searchParams.get('iss')).toBe(idp.issuer);
      cb.searchParams.set('iss', 'https://evil.example');
    });
    expect(r.status).toBe(400);
    await expectRejected(
      pending,
      'signin_issuer_mismatch',
      /did not come from http:\/\/127\.0\.0\.1/,
    );
  });

  it('rejects a callback without iss, since the IdP advertises it', async () => {
    const pending = startSignIn(idp);
    await completeOverHttp(idp, await pending.opened, idp.users.alice, (cb) =>
      cb.searchParams.delete('iss'),
    );
    await expectRejected(pending, 'signin_issuer_mismatch', /issuer mismatch/);
  });

  it('rejects a replayed authorization code, and a callback requested twice finds no listener', async () => {
    const first = startSignIn(idp);
    const done = await completeOverHttp(idp, await first.opened, idp.users.bob);
    expect(done.status).toBe(200);
    await expect(first.result).resolves.toMatchObject({ sub: idp.users.bob.sub });
    await expect(fetch(done.callback)).rejects.toThrow();

    // The old code delivered to a new sign-in, with that sign-in's own state and the right iss.
    const second = startSignIn(idp);
    const url = new URL(await second.opened);
    const replay = new URL(url.searchParams.get('redirect_uri') ?? '');
    replay.search = new URLSearchParams({
      code: done.callback.searchParams.get('code') ?? '',
      state: url.searchParams.get('state') ?? '',
      iss: idp.issuer,
    }).toString();
    const res = await fetch(replay);
    expect(res.status).toBe(400);
    await expectRejected(second, 'signin_code_rejected', /refused the authorization code/);
  });

  it('turns error=access_denied (consent denied) into a clear message', async () => {
    const pending = startSignIn(idp);
    const callback = new URL(
      await idp.completeLoginHttp(await pending.opened, idp.users.carol, { deny: true }),
    );
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await fetch(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('refused at the identity provider');
    await expectRejected(pending, 'signin_denied', /^Sign-in was refused at the identity provider/);
  });

  it('is cancelled by its signal and closes the listener', async () => {
    const ac = new AbortController();
    const pending = startSignIn(idp, { signal: ac.signal });
    const port = loopbackPort(await pending.opened);
    expect(await refusesConnections(port)).toBe(false);
    ac.abort();
    await expectRejected(pending, 'signin_cancelled', /^Sign-in was cancelled\.$/);
  });

  it('times out when the browser never comes back', async () => {
    const pending = startSignIn(idp, { timeoutMs: 300 });
    await expectRejected(pending, 'signin_timeout', /timed out after 300 ms; start it again/);
  });

  it('serves only /callback: other paths are 404 and do not end the sign-in', async () => {
    const ac = new AbortController();
    const pending = startSignIn(idp, { signal: ac.signal });
    const base = new URL(await pending.opened).searchParams.get('redirect_uri') ?? '';
    for (const path of ['/', '/favicon.ico', '/callback/../admin', '/callbackx']) {
      expect((await fetch(new URL(path, base))).status).toBe(404);
    }
    ac.abort();
    await expectRejected(pending, 'signin_cancelled', /cancelled/);
  });

  it('turns a browser that cannot be opened into a clear message', async () => {
    const pending = startSignIn(idp, {
      openBrowser: async () => Promise.reject(new Error('xdg-open: not found')),
    });
    await expect(wordedRejection(pending.result)).rejects.toMatchObject({
      code: 'browser_open_failed',
      kind: 'auth',
    });
  });

  it('refuses an http:// issuer without APPPASS_INSECURE_HTTP=1', async () => {
    let opened = false;
    const attempt = signIn({
      issuer: idp.issuer,
      clientId: idp.clientId,
      scopes: SCOPES,
      env: {},
      openBrowser: async () => void (opened = true),
    });
    await expect(wordedRejection(attempt)).rejects.toMatchObject({
      code: 'insecure_http',
      kind: 'usage',
      message: expect.stringMatching(/plain http/),
    });
    expect(opened).toBe(false);
  });

  it('says plainly when the IdP cannot be reached', async () => {
    const closed = await freePort();
    const attempt = signIn({
      issuer: `http://127.0.0.1:${closed}/`,
      clientId: idp.clientId,
      scopes: SCOPES,
      env: { APPPASS_INSECURE_HTTP: '1' },
      openBrowser: async () => undefined,
    });
    await expect(wordedRejection(attempt)).rejects.toMatchObject({
      code: 'idp_unreachable',
      kind: 'auth',
      message: expect.stringMatching(
        /Cannot reach the sign-in service at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
      ),
    });
  });
});
