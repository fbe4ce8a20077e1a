import { useState } from 'react';
import type { Session } from '../../../main/contract.js';
import { useI18n } from '../i18n/index.js';
import { LanguagePicker } from '../LanguagePicker.js';
import { applyTheme, savedTheme, THEMES, type Theme } from '../prefs.js';
import { ScreenHeading } from '../ScreenHeading.js';
import { StatusMessages, useErrorId } from '../status.js';

type SignedIn = Extract<Session, { state: 'signed-in' }>;

/** Account and sign out, language and theme (both remembered). */
export function Settings(props: { session: SignedIn; onSignOut: () => void }) {
  const { t } = useI18n();
  const errorId = useErrorId('settings');
  const [theme, setTheme] = useState<Theme>(savedTheme);
  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next);
  };
  return (
    <section className="card" aria-labelledby="settings-title">
      <ScreenHeading id="settings-title">{t('settingsTitle2')}</ScreenHeading>
      <h3>{t('accountTitle')}</h3>
      <p>{t('accountMailbox', { mailbox: props.session.mailbox })}</p>
      {props.session.name && <p>{t('accountName', { name: props.session.name })}</p>}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          aria-describedby={errorId}
          onClick={props.onSignOut}
        >
          {t('signOut')}
        </button>
      </div>
      <StatusMessages scope="settings" />
      <h3>{t('language')}</h3>
      <LanguagePicker />
      <p className="muted">{t('languageRemembered')}</p>
      <fieldset className="choices">
        <legend>{t('themeLegend')}</legend>
        {THEMES.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="theme"
              value={value}
              checked={theme === value}
              onChange={() => choose(value)}
            />
            {t(`theme_${value}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
