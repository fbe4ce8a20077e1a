import { useRef } from 'react';
import type { PasswordEntry } from '../../../main/contract.js';
import { api } from '../api.js';
import { Dialog } from '../Dialog.js';
import { useI18n } from '../i18n/index.js';
import { useStatus, type StatusScope } from '../status.js';
import { ConfirmActions } from './ConfirmActions.js';

export type RevokeTarget =
  | { readonly kind: 'one'; readonly entry: PasswordEntry; readonly label: string }
  | { readonly kind: 'all'; readonly count: number }
  | { readonly kind: 'stale'; readonly entries: readonly PasswordEntry[] };

const targetIds = (target: RevokeTarget): readonly number[] | 'all' =>
  target.kind === 'all'
    ? 'all'
    : target.kind === 'one'
      ? [target.entry.id]
      : target.entries.map((e) => e.id);

/** Confirmation dialog; after the revoke it says the password may work a few more minutes. */
export function ConfirmRevoke(props: {
  target: RevokeTarget;
  /** Where the outcome is said: by the list the dialog was opened from. */
  scope: StatusScope;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const status = useStatus(props.scope);
  // The safe choice gets the focus, so Enter does not revoke by accident.
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { target } = props;

  async function revoke() {
    status.clear();
    try {
      const result = await api().revokePasswords(targetIds(target));
      status.announce('revoked', { minutes: result.mayKeepWorkingMinutes });
      props.onRevoked();
    } catch (error) {
      status.fail(error);
    }
    props.onClose();
  }

  const question =
    target.kind === 'all'
      ? t('confirmRevokeAll', { count: target.count })
      : target.kind === 'stale'
        ? t('confirmRevokeStale', { count: target.entries.length })
        : t('confirmRevoke', { name: target.label });
  return (
    <Dialog
      titleId="confirm-question"
      title={question}
      onClose={props.onClose}
      initialFocus={cancelRef}
    >
      {target.kind === 'stale' && (
        <ul aria-label={t('revokeStale', { count: target.entries.length })}>
          {target.entries.map((e) => (
            <li key={e.id}>{e.name}</li>
          ))}
        </ul>
      )}
      <ConfirmActions
        onConfirm={() => void revoke()}
        onCancel={props.onClose}
        cancelRef={cancelRef}
      />
    </Dialog>
  );
}
