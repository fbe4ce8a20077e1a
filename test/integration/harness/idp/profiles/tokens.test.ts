import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_IDP_PROFILES, type IdpProfileName, type TokenSet } from '../../../../harness/idp.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
} from '../../../../harness/mailcow-emulator.js';
import { problemCode } from '../../../../harness/broker-bench.js';
import {
  forgeWithForeignKey,
  hs256WithJwks,
  hs256WithPublicKeyPem,
  unsigned,
} from '../../../broker/forge.js';
import { startProfileBench, type ProfileBench } from './fixture.js';

/**
 * Every bench IdP profile against a broker configured as docs/admin.md says: the first access
 * token after sign-in, a refreshed one, the ID token as bearer, unverified users, and the
 * forged-token set. One mailcow emulator for all; one IdP and broker per profile.
 */
const PROFILES = REAL_IDP_PROFILES;

let mailcow: MailcowEmulator;
const benches = new Map<IdpProfileName, ProfileBench>();

beforeAll(async () => {
  mailcow = await startMailcowEmulator();
  await mailcow.addMailbox({ username: 'dana@example.test', name: 'Dana' });
  await Promise.all(PROFILES.map(async (p) => benches.set(p, await startProfileBench(p, mailcow))));
});

afterAll(async () => {
  for (const b of benches.values()) await b.stop();
  await mailcow?.stop();
});

async function refused(res: Response, detail?: RegExp): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  const body = (await res.json()) as { detail: string };
  if (detail) expect(body.detail).toMatch(detail);
}

const isJwt = (t: string) => t.split('.').length === 3;

describe.each(PROFILES)('profile %s', (profile) => {
  let b: ProfileBench;
  let first: TokenSet;

  beforeAll(async () => {
    b = benches.get(profile) as ProfileBench;
    first = await b.signIn(b.idp.users.alice);
  });

  it('accepts the first access token after sign-in, without a refresh', async () => {
    const res = await b.me(first.access_token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { mailbox: string }).mailbox).toBe('alice@example.test');
    expect(b.idp.grants).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('accepts a refreshed access token', async () => {
    expect(typeof first.refresh_token).toBe('string');
    const refreshed = await b.idp.refresh(first.refresh_token as string);
    expect(refreshed.access_token === first.access_token).toBe(false);
    expect((await b.me(refreshed.access_token)).status).toBe(200);
  });

  it('refuses the ID token as bearer, from sign-in and from a refresh', async () => {
    const again = await b.signIn(b.idp.users.alice);
    const refreshed = await b.idp.refresh(again.refresh_token as string);
    for (const idToken of [again.id_token, refreshed.id_token]) await refused(await b.me(idToken));
  });

  it('refuses an unverified user with the fix for this IdP (Authelia vouches for everyone)', async () => {
    const mallory = (await b.signIn(b.idp.users.mallory)).access_token;
    const res = await b.me(mallory);
    if (profile.startsWith('authelia')) return expect(res.status).toBe(200);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { type: string; detail: string; idp: string };
    expect(body.type).toBe('urn:apppass:problem:email_unverified');
    expect(body.idp).toBe(profile.startsWith('keycloak') ? 'keycloak' : 'authentik');
    expect(body.detail).toMatch(
      profile.startsWith('keycloak') ? /Email verified/ : /email scope mapping/,
    );
  });

  it('refuses tokens forged without the IdP key: foreign key, alg none, HS256 with the JWKS and with the public key', async () => {
    const base = isJwt(first.access_token) ? first.access_token : first.id_token;
    const [jwk] = b.idp.jwks().keys;
    for (const forged of [
      await forgeWithForeignKey(base),
      unsigned(base),
      await hs256WithJwks(base, b.idp.jwks()),
      await hs256WithPublicKeyPem(base, jwk as object),
    ])
      await refused(await b.me(forged));
    if (!isJwt(first.access_token)) {
      // an opaque token the IdP never issued: its userinfo endpoint says no
      await refused(await b.me(`authelia_at_${'A'.repeat(43)}.${'B'.repeat(43)}`));
    }
  });

  describe('tokens signed with the IdP key but with one claim wrong', () => {
    /** The real access token's claims (for an opaque profile, what an RFC 9068 token would say). */
    const claims = (): { header: Record<string, unknown>; payload: Record<string, unknown> } => {
      if (isJwt(first.access_token))
        return {
          header: { typ: decodeProtectedHeader(first.access_token).typ },
          payload: decodeJwt(first.access_token),
        };
      const id = decodeJwt(first.id_token);
      return {
        header: { typ: 'at+jwt' },
        payload: {
          iss: id.iss,
          sub: id.sub,
          aud: [],
          client_id: b.idp.clientId,
          iat: id.iat,
          exp: id.exp,
          email: 'alice@example.test',
          email_verified: true,
        },
      };
    };
    const signed = (change: Record<string, unknown>) => {
      const { header, payload } = claims();
      return b.idp.signWithIdpKey(header, { ...payload, ...change });
    };
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts the unchanged claims (the control)', async () => {
      expect((await b.me(await signed({}))).status).toBe(200);
    });

    it('refuses expired and not-yet-valid tokens (beyond the 60 s tolerance)', async () => {
      await refused(await b.me(await signed({ exp: now() - 120, iat: now() - 600 })), /expired/);
      await refused(await b.me(await signed({ nbf: now() + 600 })), /"nbf"/);
    });

    it('refuses a token of another issuer', async () => {
      const other = `${String(claims().payload.iss).replace(/\/$/, '')}-other/`;
      await refused(await b.me(await signed({ iss: other })), /"iss"/);
    });

    it('refuses a token issued to another client', async () => {
      const { payload } = claims();
      const change = 'client_id' in payload ? { client_id: 'another-app' } : { azp: 'another-app' };
      await refused(await b.me(await signed(change)), /another client|"aud"/);
    });
  });
});

describe('Authelia JWT access tokens carry only the audience the request asked for', () => {
  it('refuses a sign-in without the audience parameter (empty aud), accepts one with it', async () => {
    const b = benches.get('authelia-jwt') as ProfileBench;
    const without = await b.idp.signIn(b.idp.users.alice);
    expect(decodeJwt(without.access_token).aud).toEqual([]);
    await refused(await b.me(without.access_token), /"aud"/);
    const withIt = await b.signIn(b.idp.users.alice);
    expect(decodeJwt(withIt.access_token).aud).toEqual(['apppass-broker']);
    expect((await b.me(withIt.access_token)).status).toBe(200);
  });
});

describe('issuer that differs only by the trailing slash', () => {
  it('is a configuration error at start-up, in /healthz and for every request, not idp_unavailable', async () => {
    const b = benches.get('authentik') as ProfileBench;
    const withoutSlash = b.idp.issuer.replace(/\/$/, '');
    const broker = await b.variant({ APPPASS_ISSUER: withoutSlash });
    await expect.poll(() => broker.logs.join('\n')).toContain('configuration error');
    expect(broker.logs.join('\n')).toContain(`set APPPASS_ISSUER=${b.idp.issuer} exactly`);
    expect(broker.logs.join('\n')).toContain('differ only by the trailing slash');
    const health = await fetch(`${broker.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'misconfigured' });
    const token = (await b.signIn(b.idp.users.alice)).access_token;
    const res = await b.me(token, broker);
    expect(res.status).toBe(500);
    expect(await problemCode(res)).toBe('issuer_mismatch');
  });
});
