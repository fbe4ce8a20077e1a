import { useState, type FormEvent } from 'react';
import type { ClientKind, ProtocolScope, Session } from '../../../main/contract.js';
import type { View } from '../App.js';
import { api, protocolLabel } from '../api.js';
import { CLIENTS, defaultProtocols } from '../clients.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';
import { ScreenHeading } from '../ScreenHeading.js';

type SignedIn = Extract<Session, { state: 'signed-in' }>;

/** Client choice (protocols preselected for it), name, create. */
export function CreatePassword(props: {
  session: SignedIn;
  onCreated: (view: View) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const status = useStatus();
  const allowed = props.session.protocols;
  const [client, setClient] = useState<ClientKind>('thunderbird');
  const [protocols, setProtocols] = useState(() => defaultProtocols('thunderbird', allowed));
  const [name, setName] = useState(t('client_thunderbird'));
  const [busy, setBusy] = useState(false);

  function chooseClient(next: ClientKind) {
    // Follow the client in the name only while the user has not typed their own.
    if (name === t(`client_${client}`)) setName(t(`client_${next}`));
    setClient(next);
    setProtocols(defaultProtocols(next, allowed));
  }

  function toggle(scope: ProtocolScope, on: boolean) {
    setProtocols((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (protocols.length === 0) return status.fail({ message: t('chooseProtocol') });
    setBusy(true);
    status.announce('creating');
    try {
      const created = await api().createPassword({ name: name.trim(), client, protocols });
      status.clear();
      props.onCreated({ name: 'created', created, client });
    } catch (error) {
      status.fail(error);
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="create-title">
      <ScreenHeading id="create-title">{t('createTitle')}</ScreenHeading>
      <form onSubmit={(e) => void create(e)}>
        <fieldset className="choices">
          <legend>{t('clientLegend')}</legend>
          {CLIENTS.map((kind) => (
            <label key={kind} className="choice">
              <input
                type="radio"
                name="client"
                value={kind}
                checked={client === kind}
                onChange={() => chooseClient(kind)}
              />
              {t(`client_${kind}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend>{t('protocolsLegend')}</legend>
          {allowed.map((scope) => (
            <label key={scope} className="choice">
              <input
                type="checkbox"
                checked={protocols.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              {protocolLabel(scope)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="password-name">{t('nameLabel')}</label>
        <input
          id="password-name"
          required
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('creating') : t('create')}
          </button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
