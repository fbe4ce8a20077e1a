import { useRef, useState, type FormEvent } from 'react';
import type { HelpdeskMailboxView } from '../../../main/contract.js';
import { api, protocolLabel } from '../api.js';
import { Dialog } from '../Dialog.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';
import { ConfirmActions } from './ConfirmActions.js';
import { LastUse } from './LastUse.js';

const mib = (bytes: number | null) =>
  bytes === null ? '?' : `${(bytes / 1048576).toFixed(1)} MiB`;

/** "Revoke all of …?": a real dialog, Cancel focused, like the list's confirmations. */
function ConfirmRevokeAll(props: {
  found: HelpdeskMailboxView;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      titleId="helpdesk-confirm"
      title={t('confirmHelpdeskRevokeAll', {
        count: props.found.passwords.length,
        mailbox: props.found.mailbox,
      })}
      onClose={props.onClose}
      initialFocus={cancelRef}
    >
      <ConfirmActions onConfirm={props.onConfirm} onCancel={props.onClose} cancelRef={cancelRef} />
    </Dialog>
  );
}

const PASSWORDS_SCOPE = 'helpdesk-passwords';

/** The looked-up mailbox: state, auth source, quota, its passwords with last use and revoke. */
function MailboxDetails(props: { found: HelpdeskMailboxView; onChanged: () => void }) {
  const { t } = useI18n();
  const status = useStatus(PASSWORDS_SCOPE);
  const errorId = useErrorId(PASSWORDS_SCOPE);
  const { found } = props;
  const [confirmAll, setConfirmAll] = useState(false);

  async function revoke(target: number | 'all') {
    status.clear();
    try {
      const result = await api().helpdeskRevoke(found.mailbox, target);
      status.announce('revoked', { minutes: result.mayKeepWorkingMinutes });
      props.onChanged();
    } catch (error) {
      status.fail(error);
    }
    setConfirmAll(false);
  }

  return (
    <div aria-live="polite">
      <dl className="facts">
        <dt>{found.mailbox}</dt>
        <dd>{found.active ? t('mailboxActive') : t('mailboxInactive')}</dd>
        <dt>{found.name}</dt>
        <dd>{t('authSource', { source: found.authSource ?? '?' })}</dd>
        <dt />
        <dd>{t('quotaUsed', { used: mib(found.quotaUsed), quota: mib(found.quota) })}</dd>
      </dl>
      {found.passwords.length === 0 ? (
        <p className="muted">{t('helpdeskNoPasswords')}</p>
      ) : (
        <>
          <table className="table" aria-describedby={errorId}>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colProtocols')}</th>
                <th scope="col">{t('colLastUse')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {found.passwords.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    {!p.active && <span className="badge">{t('inactive')}</span>}
                    {p.stale && <span className="badge warn">{t('stale')}</span>}
                  </th>
                  <td>{p.protocols.map(protocolLabel).join(', ')}</td>
                  <td>
                    <LastUse lastUsed={p.lastUsed} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('revokeNamed', { name: p.name })}
                      onClick={() => void revoke(p.id)}
                    >
                      {t('revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('notSeenNote')}</p>
          <button type="button" className="danger" onClick={() => setConfirmAll(true)}>
            {t('helpdeskRevokeAll', { mailbox: found.mailbox })}
          </button>
          {confirmAll && (
            <ConfirmRevokeAll
              found={found}
              onConfirm={() => void revoke('all')}
              onClose={() => setConfirmAll(false)}
            />
          )}
        </>
      )}
      <StatusMessages scope={PASSWORDS_SCOPE} />
    </div>
  );
}

/** Look up a mailbox by address. */
export function HelpdeskMailbox() {
  const { t } = useI18n();
  const status = useStatus('helpdesk-lookup');
  const errorId = useErrorId('helpdesk-lookup');
  const [mailbox, setMailbox] = useState('');
  const [found, setFound] = useState<HelpdeskMailboxView | null>(null);

  /** Also after a revoke: then the revoke's message stays. */
  async function lookup(address: string) {
    try {
      setFound(await api().helpdeskLookup(address.trim()));
    } catch (error) {
      setFound(null);
      status.fail(error);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    status.clear();
    void lookup(mailbox);
  }

  return (
    <>
      <form className="actions" onSubmit={submit}>
        <label className="inline">
          <span>{t('helpdeskMailboxLabel')}</span>
          <input
            type="email"
            required
            value={mailbox}
            autoComplete="off"
            aria-describedby={errorId}
            onChange={(e) => setMailbox(e.target.value)}
          />
        </label>
        <button type="submit">{t('helpdeskLookupButton')}</button>
      </form>
      <StatusMessages scope="helpdesk-lookup" />
      {found && <MailboxDetails found={found} onChanged={() => void lookup(found.mailbox)} />}
    </>
  );
}
