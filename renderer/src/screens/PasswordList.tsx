import { useEffect, useState } from 'react';
import type { KeychainStatus, PasswordEntry } from '../../../main/contract.js';
import type { View } from '../App.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { errorText } from '../messages.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';
import { ConfirmRevoke, type RevokeTarget } from './ConfirmRevoke.js';
import { InterruptedNotices, type InterruptedCreates } from './InterruptedCreates.js';
import { tellsLastUse } from './LastUse.js';
import { PasswordTable } from './PasswordTable.js';
import { ScreenHeading } from '../ScreenHeading.js';

/** Messages of the list's actions show below its buttons. */
const SCOPE = 'passwords';

/** The password list and keychain status from main, fetched again on each `reload()`. */
function usePasswords() {
  const status = useStatus(SCOPE);
  const [entries, setEntries] = useState<readonly PasswordEntry[] | null>(null);
  const [keychain, setKeychain] = useState<KeychainStatus | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((g) => g + 1);

  useEffect(() => {
    let current = true;
    Promise.all([api().listPasswords(), api().keychainStatus()]).then(([list, chain]) => {
      if (!current) return;
      setEntries(list);
      setKeychain(chain);
    }, status.fail);
    return () => {
      current = false;
    };
  }, [status, generation]);

  return { entries, keychain, reload };
}

/** Starts a rotation in main and opens the screen that shows the new password. */
function useRotate(onNavigate: (view: View) => void) {
  const status = useStatus(SCOPE);
  return async (entry: PasswordEntry) => {
    try {
      status.announce('creating');
      const rotation = await api().startRotation(entry.id);
      status.clear();
      onNavigate({ name: 'rotated', rotation });
    } catch (error) {
      status.fail(error);
    }
  };
}

/** Copies a password kept in the keychain; the clipboard clears itself as after any copy. */
function useCopyStored() {
  const status = useStatus(SCOPE);
  return async (entry: PasswordEntry) => {
    status.clear();
    try {
      const { clearsInSeconds } = await api().copyStoredPassword(entry.id);
      status.announce('copied', { seconds: clearsInSeconds });
    } catch (error) {
      status.fail(error);
    }
  };
}

/** Heading with new, refresh and (when there is something to revoke) revoke stale / all. */
function ListHeader(props: {
  count: number | null;
  staleCount: number;
  onNavigate: (view: View) => void;
  onRefresh: () => void;
  onRevokeAll: (count: number) => void;
  onRevokeStale: () => void;
}) {
  const { t } = useI18n();
  const { count } = props;
  return (
    <div className="section-head">
      <ScreenHeading id="passwords-title">{t('passwordsTitle')}</ScreenHeading>
      <div className="actions">
        <button type="button" onClick={() => props.onNavigate({ name: 'create' })}>
          {t('newPassword')}
        </button>
        <button type="button" className="secondary" onClick={props.onRefresh}>
          {t('refresh')}
        </button>
        {props.staleCount > 0 && (
          <button type="button" className="danger" onClick={props.onRevokeStale}>
            {t('revokeStale', { count: props.staleCount })}
          </button>
        )}
        {count !== null && count > 0 && (
          <button type="button" className="danger" onClick={() => props.onRevokeAll(count)}>
            {t('revokeAll')}
          </button>
        )}
      </div>
    </div>
  );
}

/** No keychain at all (what to install), or a locked one (unlock it, then Try again). */
function KeychainNotice(props: { keychain: KeychainStatus; onRetry: () => void }) {
  const { t, codes } = useI18n();
  const { problem } = props.keychain;
  if (problem?.code === 'keychain_locked') {
    return (
      <div className="notice warn" role="group" aria-labelledby="keychain-locked-title">
        <h3 id="keychain-locked-title">{t('keychainLockedTitle')}</h3>
        <p>{t('keychainLocked')}</p>
        <div className="actions">
          <button type="button" className="secondary" onClick={props.onRetry}>
            {t('keychainRetry')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <p className="notice warn">
      {t('keychainMissing', { problem: problem ? errorText(codes, problem) : '' })}
    </p>
  );
}

/** The user's app passwords with revoke and rotate; above them, interrupted creates. */
export function PasswordList({
  interrupted,
  onNavigate,
}: {
  interrupted: InterruptedCreates;
  onNavigate: (view: View) => void;
}) {
  const { t } = useI18n();
  const status = useStatus(SCOPE);
  const errorId = useErrorId(SCOPE);
  const { entries, keychain, reload: load } = usePasswords();
  const reload = () => {
    status.clear();
    load();
  };
  const rotate = useRotate(onNavigate);
  const copy = useCopyStored();
  const [confirming, setConfirming] = useState<RevokeTarget | null>(null);
  const stale = (entries ?? []).filter((e) => e.stale === true);

  return (
    <section className="card" aria-labelledby="passwords-title" aria-describedby={errorId}>
      <ListHeader
        count={entries ? entries.length : null}
        staleCount={stale.length}
        onNavigate={onNavigate}
        onRefresh={reload}
        onRevokeAll={(count) => setConfirming({ kind: 'all', count })}
        onRevokeStale={() => setConfirming({ kind: 'stale', entries: stale })}
      />
      <StatusMessages scope={SCOPE} />
      <InterruptedNotices creates={interrupted} onRevoked={load} />
      {keychain && !keychain.available && <KeychainNotice keychain={keychain} onRetry={reload} />}
      {confirming && (
        <ConfirmRevoke
          target={confirming}
          scope={SCOPE}
          onClose={() => setConfirming(null)}
          onRevoked={load}
        />
      )}
      {entries === null ? (
        <p className="muted">{t('loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('noPasswords')}</p>
      ) : (
        <>
          <PasswordTable
            entries={entries}
            onRotate={(entry) => void rotate(entry)}
            onRevoke={(entry, label) => setConfirming({ kind: 'one', entry, label })}
            onCopy={(entry) => void copy(entry)}
          />
          {stale.length > 0 && <p className="muted small">{t('staleNote')}</p>}
          {tellsLastUse(entries) && <p className="muted small">{t('notSeenNote')}</p>}
        </>
      )}
    </section>
  );
}
