import { errorText } from '../../../../../main/cli/render/errors.js';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { signInAgain, signInFailure } from '../../../../../main/core/auth/errors.js';
import { AppPassError } from '../../../../../main/core/errors.js';

const ISSUER = 'https://auth.example.org/application/o/apppass/';

function idpError(params: Record<string, string>) {
  return new client.AuthorizationResponseError(
    'authorization response from the server is an error',
    {
      cause: new URLSearchParams(params),
    },
  );
}

/** openid-client wraps oauth4webapi's precise message in a ClientError's cause. */
function wrapped(message: string): Error {
  return new Error('invalid response encountered', { cause: new Error(message) });
}

describe('signInFailure', () => {
  it('explains access_denied and keeps the IdP description short and on one line', () => {
    const e = signInFailure(
      idpError({ error: 'access_denied', error_description: 'End-User\naborted\ninteraction' }),
      ISSUER,
    );
    expect(e).toMatchObject({ code: 'signin_denied', kind: 'auth' });
    expect(errorText(e)).toBe(
      'Sign-in was refused at the identity provider (access denied) ("End-User aborted interaction"); start the sign-in again or ask your administrator.',
    );
  });

  it('names an unknown IdP error code without trusting its length', () => {
    const e = signInFailure(idpError({ error: 'x'.repeat(500) }), ISSUER);
    expect(e.code).toBe('signin_idp_error');
    expect(errorText(e).length).toBeLessThan(160);
  });

  it.each([
    ['unexpected "state" response parameter value', 'signin_state_mismatch'],
    ['response parameter "state" missing', 'signin_state_mismatch'],
    ['unexpected "iss" (issuer) response parameter value', 'signin_issuer_mismatch'],
    ['response parameter "iss" (issuer) missing', 'signin_issuer_mismatch'],
  ])('maps "%s" to %s', (message, code) => {
    expect(signInFailure(wrapped(message), ISSUER).code).toBe(code);
  });

  it('keeps an AppPassError as it is, and wraps anything else as signin_failed', () => {
    const own = new AppPassError('signin_timeout', 'auth', { params: { ms: 1000 } });
    expect(signInFailure(own, ISSUER)).toBe(own);
    expect(signInFailure(new Error('boom'), ISSUER)).toMatchObject({
      code: 'signin_failed',
      kind: 'auth',
    });
  });

  it('tells the user to sign in again, naming the IdP host only', () => {
    expect(errorText(signInAgain(ISSUER))).toBe(
      'Your sign-in at auth.example.org has expired or was revoked; sign in again (apppass login).',
    );
  });
});
