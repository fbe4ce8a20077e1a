import { useEffect, useState } from 'react';
import type { KeychainStatus, PasswordEntry } from '../../../main/contract.js';
import type { View } from '../App.js';
import { api, protocolLabel } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';
import { ConfirmRevoke, type RevokeTarget } from './ConfirmRevoke.js';
import { ScreenHeading } from '../ScreenHeading.js';

/** The user's app passwords with revoke and rotate. */
export function PasswordList({ onNavigate }: { onNavigate: (view: View) => void }) {
  const { t, language } = useI18n();
  const status = useStatus();
  const [entries, setEntries] = useState<readonly PasswordEntry[] | null>(null);
  const [keychain, setKeychain] = useState<KeychainStatus | null>(null);
  const [confirming, setConfirming] = useState<RevokeTarget | null>(null);

  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((g) => g + 1);

  useEffect(() => {
    let current = true;
    Promise.all([api().listPasswords(), api().keychainStatus()]).then(([list, chain]) => {
      if (!current) return;
      setEntries(list);
      setKeychain(chain);
    }, status.fail);
    return () => {
      current = false;
    };
  }, [status, generation]);

  async function rotate(entry: PasswordEntry) {
    try {
      status.announce('creating');
      const rotation = await api().startRotation(entry.id);
      status.clear();
      onNavigate({ name: 'rotated', rotation });
    } catch (error) {
      status.fail(error);
    }
  }

  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby="passwords-title">
      <div className="section-head">
        <ScreenHeading id="passwords-title">{t('passwordsTitle')}</ScreenHeading>
        <div className="actions">
          <button type="button" onClick={() => onNavigate({ name: 'create' })}>
            {t('newPassword')}
          </button>
          <button type="button" className="secondary" onClick={reload}>
            {t('refresh')}
          </button>
          {entries && entries.length > 0 && (
            <button
              type="button"
              className="danger"
              onClick={() => setConfirming({ kind: 'all', count: entries.length })}
            >
              {t('revokeAll')}
            </button>
          )}
        </div>
      </div>
      {keychain && !keychain.available && (
        <p className="notice warn">{t('keychainMissing', { problem: keychain.problem ?? '' })}</p>
      )}
      {confirming && (
        <ConfirmRevoke target={confirming} onClose={() => setConfirming(null)} onRevoked={reload} />
      )}
      {entries === null ? (
        <p className="muted">{t('loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('noPasswords')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colProtocols')}</th>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colDevice')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <th scope="row">
                  {entry.name}
                  {!entry.active && <span className="badge">{t('inactive')}</span>}
                </th>
                <td>{entry.protocols.map(protocolLabel).join(', ')}</td>
                <td>{date.format(new Date(entry.created))}</td>
                <td>{entry.storedOnDevice ? t('yes') : t('no')}</td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('rotateNamed', { name: entry.name })}
                      onClick={() => void rotate(entry)}
                    >
                      {t('rotate')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('revokeNamed', { name: entry.name })}
                      onClick={() => setConfirming({ kind: 'one', entry })}
                    >
                      {t('revoke')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
