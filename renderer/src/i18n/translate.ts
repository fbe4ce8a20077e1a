import { codesDe } from './codes-de.js';
import { codesEn, type CodeTexts } from './codes-en.js';
import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';

export const LANGUAGES = { en, de } as const;
/** The wording of the core's codes (errors, hints), per language. */
export const CODE_TEXTS: Record<keyof typeof LANGUAGES, CodeTexts> = { en: codesEn, de: codesDe };
export type Language = keyof typeof LANGUAGES;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** German for any `de-*` browser language, English otherwise. */
export function pickLanguage(browserLanguage: string | undefined): Language {
  return browserLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** `text` with `{name}` placeholders filled; unknown ones stay visible. */
export function fill(text: string, params?: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    params && name in params ? String(params[name]) : match,
  );
}

/** `t(key, params)`: the text with `{name}` placeholders filled; unknown ones stay visible. */
export function translator(messages: Messages): Translate {
  return (key, params) => fill(messages[key], params);
}
