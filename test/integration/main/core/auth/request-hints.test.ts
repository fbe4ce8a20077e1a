import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHints } from '../../../../../main/core/auth/index.js';
import { BROKER_RESOURCE, startIdp, type Idp } from '../../../../harness/idp.js';
import { completeOverHttp, startSignIn } from './helpers.js';

// What the discovery document's optional sign-in fields make the app send, against the default
// bench (oidc-provider: RFC 8707 resource indicators, offline_access only after prompt=consent).
let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => idp?.stop());

async function signInWith(doc: Parameters<typeof authorizationHints>[0]) {
  const pending = startSignIn(idp, { request: authorizationHints(doc) });
  const url = new URL(await pending.opened);
  await completeOverHttp(idp, url.toString(), idp.users.alice);
  return { asked: url.searchParams, session: await pending.result };
}

describe('authorization request parameters from the discovery document', () => {
  it('a document without the fields keeps the old request: prompt=consent, no audience or resource', async () => {
    const { asked, session } = await signInWith({});
    expect(asked.get('prompt')).toBe('consent');
    expect(asked.has('audience') || asked.has('resource')).toBe(false);
    expect(typeof session.refreshToken).toBe('string');
  });

  it('sends the RFC 8707 resource and prompt=consent when the document says so', async () => {
    const { asked, session } = await signInWith({
      resource: BROKER_RESOURCE,
      prompt_consent: true,
    });
    expect(asked.get('resource')).toBe(BROKER_RESOURCE);
    expect(asked.get('prompt')).toBe('consent');
    expect(decodeJwt(session.accessToken).aud).toBe('apppass-broker');
    expect(typeof session.refreshToken).toBe('string');
  });

  it('sends no prompt with prompt_consent false (this IdP then grants no refresh token)', async () => {
    const { asked, session } = await signInWith({ prompt_consent: false, audience: 'x-api' });
    expect(asked.has('prompt')).toBe(false);
    expect(asked.get('audience')).toBe('x-api');
    expect(session.refreshToken).toBeUndefined();
  });
});
