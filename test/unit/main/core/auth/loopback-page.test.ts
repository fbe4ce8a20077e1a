import { describe, expect, it } from 'vitest';
import { SIGN_IN_PAGE_TEXT } from '../../../../../main/cli/render/sign-in-page.js';
import { codePage, resultPage } from '../../../../../main/core/auth/loopback.js';
import { AppPassError } from '../../../../../main/core/errors.js';
import { pageWording } from '../../../../../main/desktop/sign-in.js';
import { codesDe } from '../../../../../renderer/src/i18n/codes-de.js';

describe('resultPage', () => {
  it('escapes every word and loads nothing from elsewhere', () => {
    const page = resultPage({
      lang: 'en"><script>',
      title: '<b>t</b>',
      body: '<script>alert(1)</script> & "quotes"',
      close: '<i>c</i>',
    });
    expect(page).not.toMatch(/<script>|<b>|<i>/);
    expect(page).toContain('&#60;script&#62;');
    expect(page).not.toMatch(/\b(src|href)=/);
  });

  it('is worded by the command in English: success, and a failure that says why', () => {
    expect(resultPage(SIGN_IN_PAGE_TEXT('signed_in'))).toContain('<h1>Signed in to AppPass</h1>');
    const failed = resultPage(
      SIGN_IN_PAGE_TEXT('sign_in_failed', new AppPassError('signin_state_mismatch', 'auth')),
    );
    expect(failed).toContain('<h1>AppPass sign-in failed</h1>');
    expect(failed).not.toContain('signin_state_mismatch');
    expect(failed).toContain('return to AppPass');
  });

  it('speaks the desktop window’s language when the renderer brings its words', () => {
    const page = resultPage(pageWording({ lang: 'de', ...codesDe.signInPage })('signed_in'));
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('<h1>Bei AppPass angemeldet</h1>');
    expect(page).toContain('zu AppPass zurückkehren');
  });

  it('names only its code without a face’s wording', () => {
    expect(resultPage(codePage('already_answered'))).toContain('<p>already_answered</p>');
  });
});
