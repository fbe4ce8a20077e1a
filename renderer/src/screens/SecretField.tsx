import { useState } from 'react';
import type { CreatedPassword } from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';

/** The new password, masked with reveal, and copy through main (auto-clearing clipboard). */
export function SecretField({
  created,
  onCopied,
}: {
  created: CreatedPassword;
  onCopied: () => void;
}) {
  const { t } = useI18n();
  const status = useStatus('secret');
  const errorId = useErrorId('secret');
  const [revealed, setRevealed] = useState(false);

  async function copy() {
    status.clear();
    try {
      const { clearsInSeconds } = await api().copyToClipboard(created.secretRef);
      status.announce('copied', { seconds: clearsInSeconds });
      onCopied();
    } catch (error) {
      status.fail(error);
    }
  }

  return (
    <>
      <label htmlFor="new-password">{t('passwordLabel')}</label>
      <div className="secret-row">
        <input
          id="new-password"
          className="secret"
          type={revealed ? 'text' : 'password'}
          readOnly
          value={created.password}
          autoComplete="off"
          spellCheck={false}
        />
        <button
          type="button"
          className="secondary"
          aria-pressed={revealed}
          onClick={() => setRevealed(!revealed)}
        >
          {revealed ? t('hide') : t('reveal')}
        </button>
        <button type="button" aria-describedby={errorId} onClick={() => void copy()}>
          {t('copy')}
        </button>
      </div>
      <StatusMessages scope="secret" />
    </>
  );
}
