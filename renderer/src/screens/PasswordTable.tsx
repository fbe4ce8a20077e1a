import type { PasswordEntry } from '../../../main/contract.js';
import { protocolLabel } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { LastUse, tellsLastUse } from './LastUse.js';

interface RowActions {
  onRotate: (entry: PasswordEntry) => void;
  onRevoke: (entry: PasswordEntry) => void;
}

/** One app password: name (with an inactive badge), protocols, created, device, actions. */
function PasswordRow({
  entry,
  date,
  lastUse,
  onRotate,
  onRevoke,
}: RowActions & { entry: PasswordEntry; date: Intl.DateTimeFormat; lastUse: boolean }) {
  const { t } = useI18n();
  return (
    <tr>
      <th scope="row">
        {entry.name}
        {!entry.active && <span className="badge">{t('inactive')}</span>}
        {entry.stale && <span className="badge warn">{t('stale')}</span>}
      </th>
      <td>{entry.protocols.map(protocolLabel).join(', ')}</td>
      <td>{date.format(new Date(entry.created))}</td>
      {lastUse && (
        <td>
          <LastUse lastUsed={entry.lastUsed} />
        </td>
      )}
      <td>{entry.storedOnDevice ? t('yes') : t('no')}</td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className="secondary"
            aria-label={t('rotateNamed', { name: entry.name })}
            onClick={() => onRotate(entry)}
          >
            {t('rotate')}
          </button>
          <button
            type="button"
            className="danger"
            aria-label={t('revokeNamed', { name: entry.name })}
            onClick={() => onRevoke(entry)}
          >
            {t('revoke')}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The table of app passwords, one row each. */
export function PasswordTable({
  entries,
  ...actions
}: RowActions & { entries: readonly PasswordEntry[] }) {
  const { t, language } = useI18n();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const lastUse = tellsLastUse(entries);
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('colName')}</th>
          <th scope="col">{t('colProtocols')}</th>
          <th scope="col">{t('colCreated')}</th>
          {lastUse && <th scope="col">{t('colLastUse')}</th>}
          <th scope="col">{t('colDevice')}</th>
          <th scope="col">{t('colActions')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <PasswordRow key={entry.id} entry={entry} date={date} lastUse={lastUse} {...actions} />
        ))}
      </tbody>
    </table>
  );
}
