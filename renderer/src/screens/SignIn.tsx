import { useState, type FormEvent } from 'react';
import type { Session } from '../../../main/contract.js';
import { api, asApiError } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';

type Phase = { name: 'idle' } | { name: 'discovering' } | { name: 'browser'; issuer: string };

/** Discover the server for the email, then sign in through the system browser (or cancel). */
function useSignIn(onSignedIn: (session: Session) => void) {
  const status = useStatus();
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });

  async function signIn(email: string) {
    try {
      setPhase({ name: 'discovering' });
      status.announce('discovering');
      const server = await api().discover(email);
      const issuer = new URL(server.issuer).host;
      setPhase({ name: 'browser', issuer });
      status.announce('waitingForBrowser', { issuer });
      const session = await api().signIn(email);
      status.clear();
      onSignedIn(session);
    } catch (error) {
      setPhase({ name: 'idle' });
      if (asApiError(error).code === 'signin_cancelled') status.announce('signInCancelled');
      else status.fail(error);
    }
  }

  async function cancel() {
    try {
      await api().cancelSignIn();
    } catch (error) {
      status.fail(error);
    }
  }

  return { phase, signIn, cancel };
}

/** Email -> discover -> sign in through the system browser, with cancel. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const { phase, signIn, cancel } = useSignIn(onSignedIn);

  function submit(event: FormEvent) {
    event.preventDefault();
    void signIn(email);
  }

  const busy = phase.name !== 'idle';
  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signInTitle')}</h2>
      <p className="muted">{t('signInIntro')}</p>
      <form onSubmit={submit}>
        <label htmlFor="email">{t('emailLabel')}</label>
        <input
          id="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          disabled={busy}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('signInButton')}
          </button>
          {phase.name === 'browser' && (
            <button type="button" className="secondary" onClick={() => void cancel()}>
              {t('cancelSignIn')}
            </button>
          )}
        </div>
      </form>
      {phase.name === 'browser' && (
        <p className="notice" aria-hidden="true">
          {t('waitingForBrowser', { issuer: phase.issuer })}
        </p>
      )}
    </section>
  );
}
