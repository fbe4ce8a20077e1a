/** Choices the window remembers between runs (localStorage of our own page; nothing secret). */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(`apppass.${key}`);
  } catch {
    return null;
  }
};
const write = (key: string, value: string): void => {
  try {
    localStorage.setItem(`apppass.${key}`, value);
  } catch {
    // Storage refused (private mode): the choice holds for this run only.
  }
};

export const savedLanguage = (): string | null => read('language');
export const saveLanguage = (language: string): void => write('language', language);

export function savedTheme(): Theme {
  const value = read('theme');
  return THEMES.find((theme) => theme === value) ?? 'system';
}

/** Applies the theme: `data-theme` on <html> sets color-scheme; "system" follows the OS. */
export function applyTheme(theme: Theme): void {
  write('theme', theme);
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
