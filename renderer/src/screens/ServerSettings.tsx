import type { ClientKind, ServerSetting } from '../../../main/contract.js';
import { useI18n, type Translate } from '../i18n/index.js';

/**
 * The security field as each client names it: Outlook's "Encryption method", Apple Mail's
 * "Use TLS/SSL" switch (off for STARTTLS, which it negotiates by itself), Thunderbird's and
 * everyone else's "Connection security".
 */
function securityWording(client: ClientKind | null, t: Translate) {
  if (client === 'apple-mail') {
    return {
      column: t('colSecurity_apple'),
      value: (s: ServerSetting['security']) =>
        s === 'tls' ? t('on') : s === 'starttls' ? t('offStarttls') : t('off'),
    };
  }
  return {
    column: client === 'outlook' ? t('colSecurity_outlook') : t('colSecurity'),
    value: (s: ServerSetting['security']) => t(`security_${s}`),
  };
}

/** Exactly what to type into the mail client, one row per server. */
export function ServerSettings(props: {
  settings: readonly ServerSetting[];
  client: ClientKind | null;
}) {
  const { t } = useI18n();
  const { settings } = props;
  const security = securityWording(props.client, t);
  if (settings.length === 0) return null;
  return (
    <>
      <h3>{t('settingsTitle')}</h3>
      <div className="table-wrap">
        <table className="table settings">
          <thead>
            <tr>
              <th scope="col">{t('colService')}</th>
              <th scope="col">{t('colHost')}</th>
              <th scope="col">{t('colPort')}</th>
              <th scope="col">{security.column}</th>
              <th scope="col">{t('colUsername')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.map((s) => (
              <tr key={s.service}>
                <th scope="row">{t(`service_${s.service}`)}</th>
                <td className="mono">{s.host}</td>
                <td className="mono">{s.port}</td>
                <td>{security.value(s.security)}</td>
                <td className="mono">{s.username}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
