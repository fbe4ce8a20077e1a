import type { ClientKind, CreatedPassword, RotationStarted } from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { errorText } from '../messages.js';
import { useStatus } from '../status.js';
import { SecretField } from './SecretField.js';
import { ServerSettings } from './ServerSettings.js';
import { ScreenHeading } from '../ScreenHeading.js';

/** Which services the new password was verified on, and what confirming the rotation does. */
function RotationNotice({ rotation }: { rotation: RotationStarted }) {
  const { t } = useI18n();
  return (
    <div className="notice">
      {rotation.verified.length > 0 && (
        <p>{t('rotateVerified', { services: rotation.verified.join(', ').toUpperCase() })}</p>
      )}
      <p>{t('rotateConfirmIntro')}</p>
    </div>
  );
}

/** Confirm the rotation (revokes the old password) and leave the panel. */
function useConfirmRotation(done: () => void) {
  const status = useStatus();
  return async (replacesId: number) => {
    try {
      const result = await api().confirmRotation(replacesId);
      done();
      status.announce('revoked', { minutes: result.mayKeepWorkingMinutes });
    } catch (error) {
      status.fail(error);
    }
  };
}

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
  const { t, codes } = useI18n();
  const { created, rotation } = props;

  // Leaving the panel makes main forget the secret (it also expires there on its own).
  function done() {
    void api()
      .forgetSecret(created.secretRef)
      .catch(() => undefined);
    props.onDone();
  }
  const confirmRotation = useConfirmRotation(done);

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
      <SecretField created={created} />
      <p className="muted">
        {created.keychainProblem
          ? t('notStored', { problem: errorText(codes, created.keychainProblem) })
          : t('storedOnDevice')}
      </p>
      <ServerSettings settings={created.settings} client={props.client} />
      {rotation && <RotationNotice rotation={rotation} />}
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
