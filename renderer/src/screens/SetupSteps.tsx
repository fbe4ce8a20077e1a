import type { ClientKind } from '../../../main/contract.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/** Numbered steps for the chosen program, in its own words (menu names as it shows them). */
export function SetupSteps(props: { client: ClientKind | null; mailbox: string }) {
  const { t } = useI18n();
  const client = props.client ?? 'other';
  const own = [1, 2, 3].map((n) => t(`steps_${client}_${n}` as MessageKey));
  return (
    <>
      <h3>
        {client === 'other'
          ? t('stepsTitleGeneric')
          : t('stepsTitle', { client: t(`client_${client}`) })}
      </h3>
      <ol className="steps-list">
        <li>{own[0]}</li>
        <li>{own[1]}</li>
        <li>{t('stepUser', { mailbox: props.mailbox })}</li>
        <li>{t('stepPassword')}</li>
        <li>{own[2]}</li>
      </ol>
    </>
  );
}
