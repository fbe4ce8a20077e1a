import type { Session } from '../../main/contract.js';
import type { View } from './App.js';
import { LANGUAGES, useI18n, type Language } from './i18n/index.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

export function Header(props: {
  session: Session;
  view: View;
  onNavigate: (view: View) => void;
  onSignOut: () => void;
}) {
  const { t, language, setLanguage } = useI18n();
  const { session, view } = props;
  const current = (name: View['name']) => (view.name === name ? 'page' : undefined);
  const onList = view.name !== 'doctor' && view.name !== 'helpdesk';
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{t('appName')}</h1>
        {session.state === 'signed-in' && (
          <p className="who">{t('signedInAs', { mailbox: session.mailbox })}</p>
        )}
      </div>
      {session.state === 'signed-in' && (
        <nav aria-label={t('mainNav')} className="nav">
          <button
            type="button"
            aria-current={onList ? 'page' : undefined}
            onClick={() => props.onNavigate({ name: 'list' })}
          >
            {t('navPasswords')}
          </button>
          <button
            type="button"
            aria-current={current('doctor')}
            onClick={() => props.onNavigate({ name: 'doctor' })}
          >
            {t('navDoctor')}
          </button>
          {session.helpdesk && (
            <button
              type="button"
              aria-current={current('helpdesk')}
              onClick={() => props.onNavigate({ name: 'helpdesk' })}
            >
              {t('navHelpdesk')}
            </button>
          )}
        </nav>
      )}
      <div className="header-tools">
        <label className="language">
          <span>{t('language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {Object.keys(LANGUAGES).map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code as Language]}
              </option>
            ))}
          </select>
        </label>
        {session.state === 'signed-in' && (
          <button type="button" className="secondary" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}
