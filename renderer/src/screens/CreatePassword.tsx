import { useState, type FormEvent } from 'react';
import type { ClientKind, ProtocolScope, Session } from '../../../main/contract.js';
import type { View } from '../App.js';
import { api } from '../api.js';
import { defaultProtocols } from '../clients.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';
import { ClientPicker, ProtocolPicker } from './CreateChoices.js';
import { ScreenHeading } from '../ScreenHeading.js';

type SignedIn = Extract<Session, { state: 'signed-in' }>;

/** Form state: client, its preselected protocols, and a name that follows the client. */
function useCreateChoices(allowed: readonly ProtocolScope[]) {
  const { t } = useI18n();
  const [client, setClient] = useState<ClientKind>('thunderbird');
  const [protocols, setProtocols] = useState(() => defaultProtocols('thunderbird', allowed));
  const [name, setName] = useState(t('client_thunderbird'));

  function chooseClient(next: ClientKind) {
    // Follow the client in the name only while the user has not typed their own.
    if (name === t(`client_${client}`)) setName(t(`client_${next}`));
    setClient(next);
    setProtocols(defaultProtocols(next, allowed));
  }

  function toggle(scope: ProtocolScope, on: boolean) {
    setProtocols((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  return { client, protocols, name, setName, chooseClient, toggle };
}

/** Client choice (protocols preselected for it), name, create. */
export function CreatePassword(props: {
  session: SignedIn;
  onCreated: (view: View) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const status = useStatus('create');
  const errorId = useErrorId('create');
  const allowed = props.session.protocols;
  const { client, protocols, name, setName, chooseClient, toggle } = useCreateChoices(allowed);
  const [busy, setBusy] = useState(false);
  const [nameInvalid, setNameInvalid] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (protocols.length === 0) return status.fail({ key: 'chooseProtocol' });
    if (!name.trim()) return setNameInvalid(true);
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
      <form
        noValidate
        onSubmit={(e) => void create(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      >
        <ClientPicker value={client} onChange={chooseClient} />
        <label htmlFor="password-name">{t('nameLabel')}</label>
        <input
          id="password-name"
          required
          maxLength={255}
          value={name}
          aria-invalid={nameInvalid || undefined}
          aria-describedby={nameInvalid ? 'password-name-error' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setNameInvalid(false);
          }}
        />
        {nameInvalid && (
          <p id="password-name-error" className="field-error">
            {t('nameRequired')}
          </p>
        )}
        <details className="advanced">
          <summary>{t('advancedProtocols')}</summary>
          <ProtocolPicker allowed={allowed} value={protocols} onToggle={toggle} />
        </details>
        <div className="actions">
          <button type="submit" disabled={busy} aria-describedby={errorId}>
            {busy ? t('creating') : t('create')}
          </button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </div>
        <StatusMessages scope="create" />
      </form>
    </section>
  );
}
