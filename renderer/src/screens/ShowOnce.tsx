import { useRef, useState } from 'react';
import type { ClientKind, CreatedPassword, RotationStarted } from '../../../main/contract.js';
import { api } from '../api.js';
import { Dialog } from '../Dialog.js';
import { useI18n } from '../i18n/index.js';
import { errorText } from '../messages.js';
import { ScreenHeading } from '../ScreenHeading.js';
import { StatusMessages, useStatus } from '../status.js';
import { AppleProfile } from './AppleProfile.js';
import { SecretField } from './SecretField.js';
import { ServerSettings } from './ServerSettings.js';
import { SetupSteps } from './SetupSteps.js';

/** Which services the new password was verified on, and what confirming the rotation does. */
function RotationNotice({ rotation }: { rotation: RotationStarted }) {
  const { t } = useI18n();
  return (
    <div className="notice">
      {rotation.verified.length > 0 && (
        <p>{t('rotateVerified', { services: rotation.verified.join(', ').toUpperCase() })}</p>
      )}
      <p>{t('rotateConfirmIntro')}</p>
      <p>{t('finishLaterNote')}</p>
    </div>
  );
}

/** Confirm the rotation (revokes the old password) and leave the panel. */
function useConfirmRotation(done: () => void) {
  const status = useStatus('show-once');
  // Said on the list, where confirming leads.
  const listStatus = useStatus('passwords');
  return async (replacesId: number) => {
    status.clear();
    try {
      const result = await api().confirmRotation(replacesId);
      done();
      listStatus.announce('revoked', { minutes: result.mayKeepWorkingMinutes });
    } catch (error) {
      status.fail(error);
    }
  };
}

/** "Leave without copying?": Stay is focused; Leave really leaves. */
function LeaveDialog(props: { stored: boolean; onStay: () => void; onLeave: () => void }) {
  const { t } = useI18n();
  const stayRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      titleId="leave-title"
      title={t('leaveTitle')}
      onClose={props.onStay}
      initialFocus={stayRef}
    >
      <p>{props.stored ? t('leaveQuestionStored') : t('leaveQuestion')}</p>
      <div className="actions">
        <button type="button" ref={stayRef} onClick={props.onStay}>
          {t('stay')}
        </button>
        <button type="button" className="secondary" onClick={props.onLeave}>
          {t('leave')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * The new password, once: masked with reveal, copy through main (auto-clearing clipboard), the
 * steps for the chosen program and its exact settings. Leaving without a copy asks first;
 * leaving makes main forget the secret. A replacement offers "Finish later" instead of "Done".
 */
export function ShowOnce(props: {
  created: CreatedPassword;
  client: ClientKind | null;
  mailbox: string;
  rotation?: RotationStarted;
  onDone: () => void;
}) {
  const { t, codes } = useI18n();
  const { created, rotation } = props;
  const [copied, setCopied] = useState(false);
  const [asking, setAsking] = useState(false);

  function leave() {
    void api()
      .forgetSecret(created.secretRef)
      .catch(() => undefined);
    props.onDone();
  }
  const done = () => (copied ? leave() : setAsking(true));
  const confirmRotation = useConfirmRotation(leave);

  return (
    <section
      className="card"
      aria-labelledby="show-once-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !asking) done();
      }}
    >
      <ScreenHeading id="show-once-title">
        {rotation ? t('rotateTitle') : t('showOnceTitle')}
      </ScreenHeading>
      <p>
        {props.client && props.client !== 'other'
          ? t('showOnceIntro', { client: t(`client_${props.client}`) })
          : t('showOnceIntroGeneric')}
      </p>
      <SecretField created={created} onCopied={() => setCopied(true)} />
      <p className="muted">
        {created.keychainProblem
          ? t('notStored', { problem: errorText(codes, created.keychainProblem) })
          : t('storedOnDevice')}
      </p>
      <SetupSteps client={props.client} mailbox={props.mailbox} />
      <ServerSettings settings={created.settings} client={props.client} />
      {props.client === 'apple-mail' && (
        <AppleProfile secretRef={created.secretRef} onSavedWithPassword={() => setCopied(true)} />
      )}
      {rotation && <RotationNotice rotation={rotation} />}
      <div className="actions">
        {rotation && (
          <button type="button" onClick={() => void confirmRotation(rotation.replacesId)}>
            {t('rotateConfirm')}
          </button>
        )}
        <button type="button" className={rotation ? 'secondary' : undefined} onClick={done}>
          {rotation ? t('finishLater') : t('done')}
        </button>
      </div>
      <StatusMessages scope="show-once" />
      {asking && (
        <LeaveDialog
          stored={created.keychainProblem === null}
          onStay={() => setAsking(false)}
          onLeave={leave}
        />
      )}
    </section>
  );
}
