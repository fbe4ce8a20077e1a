import { describe, expect, it } from 'vitest';
import { de } from '../../../../renderer/src/i18n/de.js';
import { en } from '../../../../renderer/src/i18n/en.js';
import { pickLanguage, translator } from '../../../../renderer/src/i18n/translate.js';

describe('renderer i18n', () => {
  it('picks German for de-* and English otherwise', () => {
    expect(pickLanguage('de-AT')).toBe('de');
    expect(pickLanguage('DE')).toBe('de');
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('fr-FR')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    const t = translator(en);
    expect(t('revoked', { minutes: 5 })).toBe(
      'Revoked. A revoked password may keep working for up to 5 minutes.',
    );
    expect(t('copied')).toBe('Copied. The clipboard clears in {seconds} s.');
  });

  it('has a German text for every key, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(de[key], key).toBeTruthy();
      expect(placeholders(de[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
