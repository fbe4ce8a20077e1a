import { useCallback, useEffect, useState } from 'react';
import type { InterruptedCreate } from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';

const keyOf = (c: InterruptedCreate) => `${c.status}:${c.ids.join(',')}:${c.name}`;

export interface InterruptedCreates {
  readonly shown: readonly InterruptedCreate[];
  /** "OK" on a saved one, "Keep" on an orphan: not shown again in this window. */
  readonly dismiss: (c: InterruptedCreate) => void;
  /** Asks main again (after a revoke: a revoked orphan is settled and gone). */
  readonly refresh: () => void;
}

/**
 * What main made of creates an earlier run did not finish, asked once signed in. Main tells a
 * saved one only once, so it is kept here until dismissed; orphans come back at every ask.
 */
export function useInterruptedCreates(mailbox: string | null): InterruptedCreates {
  const status = useStatus();
  // Kept with the mailbox they are about: another sign-in shows none of them.
  const [found, setFound] = useState<{ mailbox: string; creates: readonly InterruptedCreate[] }>({
    mailbox: '',
    creates: [],
  });
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!mailbox) return;
    let current = true;
    api()
      .interruptedCreates()
      .then((fresh) => {
        if (!current) return;
        setFound((before) => {
          const told = before.mailbox === mailbox ? before.creates : [];
          return { mailbox, creates: [...told.filter((c) => c.status === 'stored'), ...fresh] };
        });
      }, status.fail);
    return () => {
      current = false;
    };
  }, [mailbox, status, generation]);

  return {
    shown: found.mailbox === mailbox ? found.creates.filter((c) => !dismissed.has(keyOf(c))) : [],
    dismiss: useCallback((c) => setDismissed((d) => new Set(d).add(keyOf(c))), []),
    refresh: useCallback(() => setGeneration((g) => g + 1), []),
  };
}

/** One notice per interrupted create: saved (OK), or unusable here (Revoke / Keep). */
export function InterruptedNotices(props: { creates: InterruptedCreates; onRevoked: () => void }) {
  const { t } = useI18n();
  // Shown on the list: its revoke is said where the list's are.
  const status = useStatus('passwords');
  const { shown, dismiss, refresh } = props.creates;

  async function revoke(c: InterruptedCreate) {
    status.clear();
    try {
      const result = await api().revokePasswords(c.ids);
      status.announce('revoked', { minutes: result.mayKeepWorkingMinutes });
      props.onRevoked();
    } catch (error) {
      status.fail(error);
    }
    refresh();
  }

  return shown.map((c, i) => {
    const id = `interrupted-${i}`;
    const orphan = c.status === 'orphaned';
    return (
      <div
        key={keyOf(c)}
        className={orphan ? 'notice warn' : 'notice'}
        role="group"
        aria-labelledby={id}
      >
        <p id={id}>{t(orphan ? 'interruptedOrphan' : 'interruptedStored', { name: c.name })}</p>
        <div className="actions">
          {orphan && (
            <button type="button" className="danger" onClick={() => void revoke(c)}>
              {t('revoke')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => dismiss(c)}>
            {t(orphan ? 'keepInterrupted' : 'dismissInterrupted')}
          </button>
        </div>
      </div>
    );
  });
}
