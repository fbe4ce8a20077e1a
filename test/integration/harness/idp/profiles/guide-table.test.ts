import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REAL_IDP_PROFILES,
  startIdp,
  type Idp,
  type IdpProfileName,
} from '../../../../harness/idp.js';
import { compatibilityTable, guideBrokerEnv } from './admin-guide.js';

/**
 * docs/admin.md's compatibility table against the bench profiles: a row per profile, the issuer
 * form the IdP really has, the token mode it really issues. (The broker column and "the user sees"
 * are what flow.test.ts and tokens.test.ts run with.)
 */
const PROFILES = REAL_IDP_PROFILES;
const idps = new Map<IdpProfileName, Idp>();

beforeAll(async () => {
  for (const p of PROFILES) idps.set(p, await startIdp({ profile: p }));
});
afterAll(async () => {
  for (const idp of idps.values()) await idp.stop();
});

describe('docs/admin.md compatibility table', () => {
  it('has exactly one row per bench profile, and no row for a profile the bench lacks', () => {
    expect(
      compatibilityTable()
        .map((r) => r.profile)
        .sort(),
    ).toEqual([...PROFILES].sort());
  });

  it.each(PROFILES)('%s: the broker column names the issuer exactly as the IdP does', (p) => {
    const idp = idps.get(p) as Idp;
    // guideBrokerEnv throws when the filled-in APPPASS_ISSUER differs (e.g. a missing slash)
    expect(guideBrokerEnv(p, idp).APPPASS_ISSUER).toBe(idp.issuer);
  });

  it.each(PROFILES)('%s: the token mode column says what the IdP issues', async (p) => {
    const idp = idps.get(p) as Idp;
    const row = compatibilityTable().find((r) => r.profile === p);
    const { access_token } = await idp.signIn(idp.users.alice, {
      extra: { audience: 'apppass-broker' },
    });
    if (access_token.split('.').length !== 3) {
      expect(row?.tokenMode).toMatch(/^opaque/);
    } else {
      expect(row?.tokenMode).toContain(`typ: ${String(decodeProtectedHeader(access_token).typ)}`);
      const claims = decodeJwt(access_token);
      expect(row?.tokenMode.includes('`nonce`')).toBe(claims.nonce !== undefined);
      if (claims.typ !== undefined)
        expect(row?.tokenMode).toContain(`claim \`typ: ${String(claims.typ)}\``);
      if (claims.uid !== undefined) expect(row?.tokenMode).toContain('`uid`');
    }
  });
});
