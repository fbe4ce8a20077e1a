import type { LastUseView } from '../../../main/contract.js';
import { useI18n } from '../i18n/index.js';

/** "IMAP, 2 hours ago, from 203.0.113.5"; "Not seen"; nothing when the broker does not tell. */
export function LastUse({ lastUsed }: { lastUsed: LastUseView | null | undefined }) {
  const { t, language } = useI18n();
  if (lastUsed === undefined) return null;
  if (lastUsed === null) return <span className="muted">{t('notSeen')}</span>;
  const ago = new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(
    -lastUsed.ago.count,
    lastUsed.ago.unit,
  );
  const address = lastUsed.country ? `${lastUsed.address} (${lastUsed.country})` : lastUsed.address;
  const params = { service: lastUsed.service, ago, address };
  return (
    <time dateTime={lastUsed.at} title={new Date(lastUsed.at).toLocaleString(language)}>
      {t(lastUsed.internal ? 'lastUseInternal' : 'lastUse', params)}
    </time>
  );
}

/** Whether any entry carries last use (older brokers send none). */
export const tellsLastUse = (entries: readonly { lastUsed?: unknown }[]): boolean =>
  entries.some((e) => e.lastUsed !== undefined);
