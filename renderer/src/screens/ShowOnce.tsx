import { useState } from 'react';
import type { ClientKind, CreatedPassword, RotationStarted } from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';
import { ServerSettings } from './ServerSettings.js';
import { ScreenHeading } from '../ScreenHeading.js';

/**
 * The new password, once: masked with reveal, copy through main (auto-clearing clipboard), and
 * the exact settings for the chosen client. Leaving the panel makes main forget the secret.
 */
export function ShowOnce(props: {
  created: CreatedPassword;
  client: ClientKind | null;
  rotation?: RotationStarted;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const status = useStatus();
  const { created, rotation } = props;
  const [revealed, setRevealed] = useState(false);

  // Leaving the panel makes main forget the secret (it also expires there on its own).
  function done() {
    void api()
      .forgetSecret(created.secretRef)
      .catch(() => undefined);
    props.onDone();
  }

  async function copy() {
    try {
      const { clearsInSeconds } = await api().copyToClipboard(created.secretRef);
      status.announce('copied', { seconds: clearsInSeconds });
    } catch (error) {
      status.fail(error);
    }
  }

  async function confirmRotation(replacesId: number) {
    try {
      const result = await api().confirmRotation(replacesId);
      done();
      status.announce('revoked', { minutes: result.mayKeepWorkingMinutes });
    } catch (error) {
      status.fail(error);
    }
  }

  return (
    <section className="card" aria-labelledby="show-once-title">
      <ScreenHeading id="show-once-title">
        {rotation ? t('rotateTitle') : t('showOnceTitle')}
      </ScreenHeading>
      <p>
        {props.client && props.client !== 'other'
          ? t('showOnceIntro', { client: t(`client_${props.client}`) })
          : t('showOnceIntroGeneric')}
      </p>
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
        <button type="button" onClick={() => void copy()}>
          {t('copy')}
        </button>
      </div>
      <p className="muted">
        {created.keychainProblem
          ? t('notStored', { problem: created.keychainProblem })
          : t('storedOnDevice')}
      </p>
      <ServerSettings settings={created.settings} client={props.client} />
      {rotation && (
        <div className="notice">
          {rotation.verified.length > 0 && (
            <p>{t('rotateVerified', { services: rotation.verified.join(', ').toUpperCase() })}</p>
          )}
          <p>{t('rotateConfirmIntro')}</p>
        </div>
      )}
      <div className="actions">
        {rotation && (
          <button type="button" onClick={() => void confirmRotation(rotation.replacesId)}>
            {t('rotateConfirm')}
          </button>
        )}
        <button type="button" className={rotation ? 'secondary' : undefined} onClick={done}>
          {t('done')}
        </button>
      </div>
    </section>
  );
}
