import type { ClientKind, ProtocolScope } from '../../../main/contract.js';
import { protocolLabel } from '../api.js';
import { CLIENTS } from '../clients.js';
import { useI18n } from '../i18n/index.js';

/** Radio group: which mail client the password is for. */
export function ClientPicker(props: { value: ClientKind; onChange: (next: ClientKind) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="choices">
      <legend>{t('clientLegend')}</legend>
      {CLIENTS.map((kind) => (
        <label key={kind} className="choice">
          <input
            type="radio"
            name="client"
            value={kind}
            checked={props.value === kind}
            onChange={() => props.onChange(kind)}
          />
          {t(`client_${kind}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Checkbox group: the protocols the password may use, out of those the session allows. */
export function ProtocolPicker(props: {
  allowed: readonly ProtocolScope[];
  value: readonly ProtocolScope[];
  onToggle: (scope: ProtocolScope, on: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="choices">
      <legend>{t('protocolsLegend')}</legend>
      {props.allowed.map((scope) => (
        <label key={scope} className="choice">
          <input
            type="checkbox"
            checked={props.value.includes(scope)}
            onChange={(e) => props.onToggle(scope, e.target.checked)}
          />
          {protocolLabel(scope)}
        </label>
      ))}
    </fieldset>
  );
}
