import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';

export const LANGUAGES = { en, de } as const;
export type Language = keyof typeof LANGUAGES;
export type { MessageKey };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** German for any `de-*` browser language, English otherwise. */
export function pickLanguage(browserLanguage: string | undefined): Language {
  return browserLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function translator(messages: Messages): Translate {
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}

interface I18n {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => pickLanguage(navigator.language));
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(
    () => ({ language, setLanguage, t: translator(LANGUAGES[language]) }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
