import { useCallback, useEffect, useState } from 'react';
import type { ClientKind, CreatedPassword, RotationStarted, Session } from '../../main/contract.js';
import { api } from './api.js';
import { DemoBanner } from './DemoBanner.js';
import { Header } from './Header.js';
import { useI18n } from './i18n/index.js';
import { CreatePassword } from './screens/CreatePassword.js';
import { Doctor } from './screens/Doctor.js';
import { Helpdesk } from './screens/Helpdesk.js';
import { useInterruptedCreates, type InterruptedCreates } from './screens/InterruptedCreates.js';
import { PasswordList } from './screens/PasswordList.js';
import { Settings } from './screens/Settings.js';
import { ShowOnce } from './screens/ShowOnce.js';
import { SignIn } from './screens/SignIn.js';
import { Unreachable } from './screens/Unreachable.js';
import { StatusMessages, useStatus } from './status.js';

type SignedIn = Extract<Session, { state: 'signed-in' }>;

export type View =
  | { readonly name: 'list' }
  | { readonly name: 'create' }
  | { readonly name: 'created'; readonly created: CreatedPassword; readonly client: ClientKind }
  | { readonly name: 'rotated'; readonly rotation: RotationStarted }
  | { readonly name: 'doctor' }
  | { readonly name: 'helpdesk' }
  | { readonly name: 'settings' };

/** The session from main, asked again on `retry` (the server may answer now). */
function useSession() {
  const status = useStatus();
  const [session, setSession] = useState<Session | null>(null);
  const load = useCallback(() => {
    api()
      .session()
      .then(setSession, (error: unknown) => {
        status.fail(error);
        setSession({ state: 'signed-out' });
      });
  }, [status]);
  useEffect(load, [load]);
  return { session, setSession, retry: load };
}

/**
 * Sign out, offered in Settings and on the "can't reach" screen: a failure shows where it was
 * asked (`scope`), the outcome on the sign-in screen it leads to.
 */
function useSignOut(setSession: (s: Session) => void, leave: () => void) {
  const status = useStatus();
  const settings = useStatus('settings');
  const unreachable = useStatus('unreachable');
  return useCallback(
    async (scope: 'settings' | 'unreachable') => {
      status.clear();
      try {
        const { revocation } = await api().signOut();
        setSession({ state: 'signed-out' });
        leave();
        status.announce(`signedOut_${revocation}`);
      } catch (error) {
        (scope === 'settings' ? settings : unreachable).fail(error);
      }
    },
    [status, settings, unreachable, setSession, leave],
  );
}

export function App() {
  const { t } = useI18n();
  const status = useStatus();
  const { session, setSession, retry } = useSession();
  // Asked once signed in (restored or new): creates an earlier run did not finish.
  const interrupted = useInterruptedCreates(
    session?.state === 'signed-in' ? session.mailbox : null,
  );
  const [view, setView] = useState<View>({ name: 'list' });
  const { clear } = status;
  // A new screen starts without the previous screen's message.
  const navigate = useCallback(
    (next: View) => {
      clear();
      setView(next);
    },
    [clear],
  );

  const signOut = useSignOut(
    setSession,
    useCallback(() => setView({ name: 'list' }), []),
  );

  if (!session) return <p className="loading">{t('loading')}</p>;
  return (
    <>
      <DemoBanner />
      <Header session={session} view={view} onNavigate={navigate} />
      <main id="main" className="content">
        <StatusMessages />
        {session.state === 'signed-out' ? (
          <SignIn onSignedIn={setSession} />
        ) : session.state === 'unreachable' ? (
          <Unreachable
            session={session}
            onRetry={() => {
              clear();
              retry();
            }}
            onSignOut={() => void signOut('unreachable')}
          />
        ) : (
          <SignedInView
            session={session}
            view={view}
            interrupted={interrupted}
            onNavigate={navigate}
            onSignOut={() => void signOut('settings')}
          />
        )}
      </main>
    </>
  );
}

function SignedInView(props: {
  session: SignedIn;
  view: View;
  interrupted: InterruptedCreates;
  onNavigate: (view: View) => void;
  onSignOut: () => void;
}) {
  const { session, view, onNavigate } = props;
  const list = <PasswordList interrupted={props.interrupted} onNavigate={onNavigate} />;
  const back = () => onNavigate({ name: 'list' });
  switch (view.name) {
    case 'list':
      return list;
    case 'create':
      return <CreatePassword session={session} onCreated={onNavigate} onCancel={back} />;
    case 'created':
      return (
        <ShowOnce
          created={view.created}
          client={view.client}
          mailbox={session.mailbox}
          onDone={back}
        />
      );
    case 'rotated':
      return (
        <ShowOnce
          created={view.rotation}
          client={view.rotation.client}
          mailbox={session.mailbox}
          rotation={view.rotation}
          onDone={back}
        />
      );
    case 'doctor':
      return <Doctor />;
    case 'helpdesk':
      return session.helpdesk ? <Helpdesk /> : list;
    case 'settings':
      return <Settings session={session} onSignOut={props.onSignOut} />;
  }
}
