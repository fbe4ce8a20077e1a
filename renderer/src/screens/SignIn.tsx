import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Session } from '../../../main/contract.js';
import { api, asApiError } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';

type Phase = { name: 'idle' } | { name: 'discovering' } | { name: 'browser'; organization: string };

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** The sign-in's own messages show below its form; the list's once signed in. */
const SCOPE = 'sign-in';

/** Discover the server for the email, then sign in through the system browser (or cancel). */
function useSignIn(onSignedIn: (session: Session) => void) {
  const status = useStatus(SCOPE);
  const listStatus = useStatus('passwords');
  const { language, codes } = useI18n();
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });

  async function signIn(email: string) {
    status.clear();
    try {
      setPhase({ name: 'discovering' });
      status.announce('discovering');
      const server = await api().discover(email);
      // The organisation's own name when the discovery document gives one, else its domain.
      setPhase({ name: 'browser', organization: server.organization ?? domainOf(email) });
      status.clear();
      // the page the browser shows afterwards speaks the window's language
      const session = await api().signIn(email, { lang: language, ...codes.signInPage });
      status.clear();
      onSignedIn(session);
      if (session.state !== 'signed-out' && session.mailbox !== email.trim().toLowerCase()) {
        listStatus.fail({
          key: 'accountMismatch',
          params: { actual: session.mailbox, typed: email.trim() },
        });
      }
    } catch (error) {
      setPhase({ name: 'idle' });
      if (asApiError(error).code === 'signin_cancelled') status.announce('signInCancelled');
      else status.fail(error);
    }
  }

  const call = (what: () => Promise<void>, done?: () => void) => () =>
    void what().then(done, status.fail);
  const cancel = call(() => api().cancelSignIn());
  const reopen = call(() => api().reopenSignIn());
  const copyLink = call(
    () => api().copySignInLink(),
    () => status.announce('linkCopied'),
  );
  return { phase, signIn, cancel, reopen, copyLink };
}

/** While the browser is open: whom to sign in with, open again, copy the link, Cancel. */
function WaitNotice(props: {
  organization: string;
  onCancel: () => void;
  onReopen: () => void;
  onCopyLink: () => void;
}) {
  const { t } = useI18n();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      className="notice"
      role="group"
      aria-labelledby="waiting-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <h3 id="waiting-title">{t('waitingTitle')}</h3>
      <p>{t('waitingForBrowser', { organization: props.organization })}</p>
      <div className="actions">
        <button type="button" ref={cancelRef} className="secondary" onClick={props.onCancel}>
          {t('cancelSignIn')}
        </button>
        <button type="button" className="secondary" onClick={props.onReopen}>
          {t('reopenBrowser')}
        </button>
        <button type="button" className="secondary" onClick={props.onCopyLink}>
          {t('copyLink')}
        </button>
      </div>
    </div>
  );
}

/** Email -> discover -> sign in through the system browser, with cancel. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const errorId = useErrorId(SCOPE);
  const [email, setEmail] = useState('');
  const { phase, signIn, cancel, reopen, copyLink } = useSignIn(onSignedIn);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (phase.name === 'idle') void signIn(email);
  }

  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signInTitle')}</h2>
      <p className="muted">{t('signInIntro')}</p>
      {phase.name === 'browser' ? (
        <WaitNotice
          organization={phase.organization}
          onCancel={cancel}
          onReopen={reopen}
          onCopyLink={copyLink}
        />
      ) : (
        <form onSubmit={submit}>
          <label htmlFor="email">{t('emailLabel')}</label>
          <input
            id="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            readOnly={phase.name !== 'idle'}
            aria-describedby={errorId}
            onChange={(e) => setEmail(e.target.value)}
          />
          <div className="actions">
            <button type="submit" aria-disabled={phase.name !== 'idle'}>
              {t('signInButton')}
            </button>
          </div>
        </form>
      )}
      <StatusMessages scope={SCOPE} />
    </section>
  );
}
