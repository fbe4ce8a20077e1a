import { useI18n } from '../i18n/index.js';
import { ScreenHeading } from '../ScreenHeading.js';

/** Signed in, but the server did not answer at start: keep the sign-in, offer Retry. */
export function Unreachable(props: {
  mailbox: string;
  onRetry: () => void;
  onSignOut: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="card narrow" aria-labelledby="unreachable-title">
      <ScreenHeading id="unreachable-title">{t('unreachableTitle')}</ScreenHeading>
      <p>{t('unreachableIntro', { mailbox: props.mailbox })}</p>
      <div className="actions">
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
        <button type="button" className="secondary" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </div>
    </section>
  );
}
