import type { Session } from '../../main/contract.js';
import type { View } from './App.js';
import { useI18n, type MessageKey } from './i18n/index.js';
import { LanguagePicker } from './LanguagePicker.js';

type Section = 'list' | 'doctor' | 'helpdesk' | 'settings';

/** `helpdesk`: shown to helpdesk members only. */
const NAV: ReadonlyArray<{ view: Section; label: MessageKey; helpdesk?: true }> = [
  { view: 'list', label: 'navPasswords' },
  { view: 'doctor', label: 'navDoctor' },
  { view: 'helpdesk', label: 'navHelpdesk', helpdesk: true },
  { view: 'settings', label: 'navSettings' },
];

/** Which nav entry a view belongs to: the password screens all count as "App passwords". */
const section = (view: View): Section =>
  view.name === 'doctor' || view.name === 'helpdesk' || view.name === 'settings'
    ? view.name
    : 'list';

export function Header(props: { session: Session; view: View; onNavigate: (view: View) => void }) {
  const { t } = useI18n();
  const { session, view } = props;
  const signedIn = session.state === 'signed-in';
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{t('appName')}</h1>
        {session.state !== 'signed-out' && (
          <p className="who">{t('signedInAs', { mailbox: session.mailbox })}</p>
        )}
      </div>
      {signedIn && (
        <nav aria-label={t('mainNav')} className="nav">
          {NAV.filter((item) => !item.helpdesk || session.helpdesk).map((item) => (
            <button
              key={item.view}
              type="button"
              aria-current={section(view) === item.view ? 'page' : undefined}
              onClick={() => props.onNavigate({ name: item.view })}
            >
              {t(item.label)}
            </button>
          ))}
        </nav>
      )}
      {/* The settings screen has its own language choice. */}
      {!(signedIn && view.name === 'settings') && (
        <div className="header-tools">
          <LanguagePicker />
        </div>
      )}
    </header>
  );
}
