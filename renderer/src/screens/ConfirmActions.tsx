import type { RefObject } from 'react';
import { useI18n } from '../i18n/index.js';

/** A confirmation's two buttons: the dangerous one first, Cancel (the dialog's initial focus). */
export function ConfirmActions({
  onConfirm,
  onCancel,
  cancelRef,
}: {
  onConfirm: () => void;
  onCancel: () => void;
  cancelRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="button" className="danger" onClick={onConfirm}>
        {t('confirm')}
      </button>
      <button type="button" ref={cancelRef} className="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
