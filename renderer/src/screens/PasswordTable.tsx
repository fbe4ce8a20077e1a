import type { PasswordEntry } from '../../../main/contract.js';
import { protocolLabel } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { displayNames } from './display-names.js';
import { LastUse, tellsLastUse } from './LastUse.js';

export interface RowActions {
  onRotate: (entry: PasswordEntry) => void;
  onRevoke: (entry: PasswordEntry, label: string) => void;
  onCopy: (entry: PasswordEntry) => void;
}

/** One app password: name (badges), protocols, created, device, actions named after the row. */
function PasswordRow({
  entry,
  label,
  date,
  lastUse,
  onRotate,
  onRevoke,
  onCopy,
}: RowActions & {
  entry: PasswordEntry;
  label: string;
  date: Intl.DateTimeFormat;
  lastUse: boolean;
}) {
  const { t } = useI18n();
  const pending = Boolean(entry.pendingReplacement);
  return (
    <tr>
      <th scope="row">
        {label}
        {!entry.active && <span className="badge">{t('inactive')}</span>}
        {pending && <span className="badge warn">{t('replacementPending')}</span>}
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
          {entry.storedOnDevice && (
            <button
              type="button"
              className="secondary"
              aria-label={t('copyNamed', { name: label })}
              onClick={() => onCopy(entry)}
            >
              {t('copyStored')}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            aria-label={t(pending ? 'finishReplaceNamed' : 'rotateNamed', { name: label })}
            onClick={() => onRotate(entry)}
          >
            {t(pending ? 'finishReplace' : 'rotate')}
          </button>
          <button
            type="button"
            className="danger"
            aria-label={t('revokeNamed', { name: label })}
            onClick={() => onRevoke(entry, label)}
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
  const labels = displayNames(entries);
  const lastUse = tellsLastUse(entries);
  return (
    <div className="table-wrap">
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
            <PasswordRow
              key={entry.id}
              entry={entry}
              label={labels.get(entry.id) ?? entry.name}
              date={date}
              lastUse={lastUse}
              {...actions}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
