import { useState, type FormEvent } from 'react';
import type { HelpdeskMailboxView } from '../../../main/contract.js';
import { api, protocolLabel } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';
import { LastUse } from './LastUse.js';

const mib = (bytes: number | null) =>
  bytes === null ? '?' : `${(bytes / 1048576).toFixed(1)} MiB`;

/** The looked-up mailbox: state, auth source, quota, its passwords with last use and revoke. */
function MailboxDetails(props: { found: HelpdeskMailboxView; onChanged: () => void }) {
  const { t } = useI18n();
  const status = useStatus();
  const { found } = props;
  const [confirmAll, setConfirmAll] = useState(false);

  async function revoke(target: number | 'all') {
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
          <table className="table">
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
          {confirmAll ? (
            <div className="confirm" role="group" aria-labelledby="helpdesk-confirm">
              <p id="helpdesk-confirm">
                {t('confirmHelpdeskRevokeAll', {
                  count: found.passwords.length,
                  mailbox: found.mailbox,
                })}
              </p>
              <div className="actions">
                <button type="button" className="danger" onClick={() => void revoke('all')}>
                  {t('confirm')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmAll(false)}>
                  {t('cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmAll(true)}>
              {t('helpdeskRevokeAll', { mailbox: found.mailbox })}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** Look up a mailbox by address. */
export function HelpdeskMailbox() {
  const { t } = useI18n();
  const status = useStatus();
  const [mailbox, setMailbox] = useState('');
  const [found, setFound] = useState<HelpdeskMailboxView | null>(null);

  async function lookup(address: string) {
    try {
      setFound(await api().helpdeskLookup(address.trim()));
      status.clear();
    } catch (error) {
      setFound(null);
      status.fail(error);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
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
            onChange={(e) => setMailbox(e.target.value)}
          />
        </label>
        <button type="submit">{t('helpdeskLookupButton')}</button>
      </form>
      {found && <MailboxDetails found={found} onChanged={() => void lookup(found.mailbox)} />}
    </>
  );
}
