import { LANGUAGES, useI18n, type Language } from './i18n/index.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

/** The language select; the choice is remembered (i18n/index.tsx). */
export function LanguagePicker() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="language">
      <span>{t('language')}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {Object.keys(LANGUAGES).map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code as Language]}
          </option>
        ))}
      </select>
    </label>
  );
}
