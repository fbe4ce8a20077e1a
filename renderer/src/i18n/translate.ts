import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';

export const LANGUAGES = { en, de } as const;
export type Language = keyof typeof LANGUAGES;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** German for any `de-*` browser language, English otherwise. */
export function pickLanguage(browserLanguage: string | undefined): Language {
  return browserLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** `t(key, params)`: the text with `{name}` placeholders filled; unknown ones stay visible. */
export function translator(messages: Messages): Translate {
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}
