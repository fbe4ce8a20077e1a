import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { saveLanguage, savedLanguage } from '../prefs.js';
import type { MessageKey } from './en.js';
import type { CodeTexts } from './codes-en.js';
import {
  CODE_TEXTS,
  LANGUAGES,
  pickLanguage,
  translator,
  type Language,
  type Translate,
} from './translate.js';

export { LANGUAGES, pickLanguage, translator, type Language, type MessageKey, type Translate };

interface I18n {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Translate;
  /** The wording of the core's codes (see ../messages.ts). */
  readonly codes: CodeTexts;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() =>
    pickLanguage(savedLanguage() ?? navigator.language),
  );
  useEffect(() => {
    document.documentElement.lang = language;
    saveLanguage(language);
  }, [language]);
  const value = useMemo(
    () => ({
      language,
      setLanguage,
      t: translator(LANGUAGES[language]),
      codes: CODE_TEXTS[language],
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
