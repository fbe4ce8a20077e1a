import type { SignInPageCode } from '../../../protocol/messages.js';
import type { PageWording } from '../../core/auth/index.js';
import { errorText } from './errors.js';

const TITLES: Readonly<Record<SignInPageCode, string>> = {
  signed_in: 'Signed in to AppPass',
  sign_in_failed: 'AppPass sign-in failed',
  already_answered: 'AppPass sign-in failed',
};

/** English for the page the browser shows after a sign-in; a failure says why. */
export const SIGN_IN_PAGE_TEXT: PageWording = (code, failure) => ({
  lang: 'en',
  title: TITLES[code],
  body:
    code === 'signed_in'
      ? 'You are signed in.'
      : code === 'already_answered'
        ? 'This sign-in has already received its answer.'
        : failure
          ? errorText(failure)
          : 'The sign-in did not complete.',
  close: 'You can close this tab and return to AppPass.',
});
