import * as client from 'openid-client';
import { AppPassError } from '../errors.js';

/**
 * The IdP's own error (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6): its code and, short and on one
 * line, its description; the faces word the well-known codes.
 */
function idpAnswer(error: string, description?: string): AppPassError {
  return new AppPassError(
    error === 'access_denied' ? 'signin_denied' : 'signin_idp_error',
    'auth',
    {
      params: {
        error: error.slice(0, 60),
        description: description ? description.replace(/\s+/g, ' ').slice(0, 160) : '',
      },
    },
  );
}

/** openid-client wraps the precise reason ("unexpected \"state\"...") in `cause`. */
function causeMessages(err: unknown): string {
  const messages: string[] = [];
  for (
    let e = err as { message?: string; cause?: unknown } | undefined;
    e && messages.length < 5;
    e = e.cause as typeof e
  ) {
    if (typeof e.message === 'string') messages.push(e.message);
  }
  return messages.join(' / ');
}

/** Turns what openid-client throws while finishing a sign-in into one clear AppPassError. */
export function signInFailure(err: unknown, issuer: string): AppPassError {
  if (err instanceof AppPassError) return err;
  if (err instanceof client.AuthorizationResponseError)
    return idpAnswer(err.error, err.error_description);
  if (err instanceof client.ResponseBodyError) {
    if (err.error === 'invalid_grant') {
      return new AppPassError('signin_code_rejected', 'auth');
    }
    return idpAnswer(err.error, err.error_description);
  }
  const message = causeMessages(err);
  if (message.includes('"state"')) {
    return new AppPassError('signin_state_mismatch', 'auth');
  }
  if (message.includes('"iss"')) {
    return new AppPassError('signin_issuer_mismatch', 'auth', { params: { issuer } });
  }
  return new AppPassError('signin_failed', 'auth', {
    params: { reason: message.slice(0, 300) || 'unknown error' },
    cause: err,
  });
}

export function signInAgain(issuer: string, cause?: unknown): AppPassError {
  return new AppPassError('signin_required', 'auth', {
    params: { host: new URL(issuer).host },
    cause,
  });
}
