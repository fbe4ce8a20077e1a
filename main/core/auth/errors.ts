import * as client from 'openid-client';
import { AppPassError } from '../errors.js';

const SIGN_IN_AGAIN = 'start the sign-in again';

/** IdP error codes (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) -> what a person should read. */
const IDP_ERRORS: Record<string, string> = {
  access_denied: 'Sign-in was refused at the identity provider (access denied)',
  login_required: 'The identity provider asks you to log in first',
  consent_required: 'The identity provider needs your consent for AppPass',
  interaction_required: 'The identity provider needs you to finish a step in the browser',
  invalid_scope: 'The identity provider does not allow the permissions AppPass asked for',
  unauthorized_client: 'The identity provider does not allow this app to sign in this way',
  temporarily_unavailable: 'The identity provider is temporarily unavailable',
  server_error: 'The identity provider failed with an internal error',
};

function idpAnswer(error: string, description?: string): AppPassError {
  const known = IDP_ERRORS[error];
  // The description is the IdP's text: keep it short and one line.
  const said = description ? ` ("${description.replace(/\s+/g, ' ').slice(0, 160)}")` : '';
  const message = known
    ? `${known}${said}; ${SIGN_IN_AGAIN} or ask your administrator.`
    : `The identity provider answered "${error.slice(0, 60)}"${said}; ${SIGN_IN_AGAIN}.`;
  return new AppPassError(
    error === 'access_denied' ? 'signin_denied' : 'signin_idp_error',
    message,
    'auth',
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
      return new AppPassError(
        'signin_code_rejected',
        `The sign-in service refused the authorization code (already used or expired); ${SIGN_IN_AGAIN}.`,
        'auth',
      );
    }
    return idpAnswer(err.error, err.error_description);
  }
  const message = causeMessages(err);
  if (message.includes('"state"')) {
    return new AppPassError(
      'signin_state_mismatch',
      `The browser returned an answer that does not belong to this sign-in (state mismatch); ${SIGN_IN_AGAIN}.`,
      'auth',
    );
  }
  if (message.includes('"iss"')) {
    return new AppPassError(
      'signin_issuer_mismatch',
      `The sign-in answer did not come from ${issuer} (issuer mismatch); ${SIGN_IN_AGAIN}.`,
      'auth',
    );
  }
  return new AppPassError(
    'signin_failed',
    `Sign-in failed (${message || 'unknown error'}); ${SIGN_IN_AGAIN}.`,
    'auth',
    {
      cause: err,
    },
  );
}

export function signInAgain(issuer: string, cause?: unknown): AppPassError {
  return new AppPassError(
    'signin_required',
    `Your sign-in at ${new URL(issuer).host} has expired or was revoked; sign in again (apppass login).`,
    'auth',
    { cause },
  );
}
