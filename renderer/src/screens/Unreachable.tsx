import type { Session } from '../../../main/contract.js';
import { useI18n } from '../i18n/index.js';
import { errorDetails, errorText } from '../messages.js';
import { ScreenHeading } from '../ScreenHeading.js';
import { StatusMessages, useErrorId } from '../status.js';

type Unreachable = Extract<Session, { state: 'unreachable' }>;

/** Signed in, but the server did not answer at start: keep the sign-in, offer Retry. */
export function Unreachable(props: {
  session: Unreachable;
  onRetry: () => void;
  onSignOut: () => void;
}) {
  const { t, codes } = useI18n();
  const errorId = useErrorId('unreachable');
  const { mailbox, reason, params = {} } = props.session;
  // Which server and what it said (host, HTTP status), as the command shows it.
  const details = errorDetails(codes, { code: reason, params });
  return (
    <section className="card narrow" aria-labelledby="unreachable-title">
      <ScreenHeading id="unreachable-title">{t('unreachableTitle')}</ScreenHeading>
      <p>
        {errorText(codes, { code: reason, params })}
        {details && ` (${details})`}
      </p>
      <p>{t('unreachableIntro', { mailbox })}</p>
      <div className="actions">
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-describedby={errorId}
          onClick={props.onSignOut}
        >
          {t('signOut')}
        </button>
      </div>
      <StatusMessages scope="unreachable" />
    </section>
  );
}
