import { useI18n } from '../i18n/index.js';
import { ScreenHeading } from '../ScreenHeading.js';
import { HelpdeskBans } from './HelpdeskBans.js';
import { HelpdeskMailbox } from './HelpdeskMailbox.js';

/** Only for helpdesk members (the Header shows the way here only to them). */
export function Helpdesk() {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="helpdesk-title">
      <ScreenHeading id="helpdesk-title">{t('helpdeskTitle')}</ScreenHeading>
      <p className="muted">{t('helpdeskIntro')}</p>
      <HelpdeskMailbox />
      <HelpdeskBans />
    </section>
  );
}
