import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type Idp } from '../../../../harness/idp.js';
import { completeOverHttp, SCOPES, startSignIn } from './helpers.js';

/** Signs alice in over HTTP; answers the session and the claims of its ID token. */
async function signInAlice(idp: Idp, scopes = SCOPES) {
  const { opened, result } = startSignIn(idp, { scopes });
  const done = await completeOverHttp(idp, await opened, idp.users.alice);
  expect(done.status).toBe(200);
  const session = await result;
  return { session, idTokenClaims: decodeJwt(session.idToken ?? '') };
}

describe('email when the ID token carries none (Authelia 4.39+ style)', () => {
  let opaque: Idp;
  beforeAll(async () => {
    opaque = await startIdp({ accessTokenFormat: 'opaque', idTokenClaims: 'minimal' });
  });
  afterAll(async () => {
    await opaque?.stop();
  });

  it('takes the email from userinfo, for the same subject', async () => {
    const { session, idTokenClaims } = await signInAlice(opaque);
    expect(idTokenClaims.sub).toBe(opaque.users.alice.sub);
    expect(idTokenClaims.email).toBeUndefined();
    expect(session.sub).toBe(opaque.users.alice.sub);
    expect(session.email).toBe(opaque.users.alice.email);
  });

  it('still signs in, without an email, when userinfo has none either', async () => {
    const noEmailScope = SCOPES.filter((s) => s !== 'email');
    const { session, idTokenClaims } = await signInAlice(opaque, noEmailScope);
    expect(idTokenClaims.email).toBeUndefined();
    expect(session.sub).toBe(opaque.users.alice.sub);
    expect(session.accessToken).toBeTruthy();
    expect(session.email).toBeUndefined();
  });
});

describe('email in the ID token (the bench default)', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await startIdp({ accessTokenFormat: 'opaque' });
  });
  afterAll(async () => {
    await idp?.stop();
  });

  it('is taken from the ID token', async () => {
    const { session, idTokenClaims } = await signInAlice(idp);
    expect(idTokenClaims.email).toBe(idp.users.alice.email);
    expect(session.email).toBe(idp.users.alice.email);
  });
});
