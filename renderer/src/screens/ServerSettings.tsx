import type { ServerSetting } from '../../../main/contract.js';
import { useI18n } from '../i18n/index.js';

/** Exactly what to type into the mail client, one row per server. */
export function ServerSettings({ settings }: { settings: readonly ServerSetting[] }) {
  const { t } = useI18n();
  if (settings.length === 0) return null;
  return (
    <>
      <h3>{t('settingsTitle')}</h3>
      <table className="table settings">
        <thead>
          <tr>
            <th scope="col">{t('colService')}</th>
            <th scope="col">{t('colHost')}</th>
            <th scope="col">{t('colPort')}</th>
            <th scope="col">{t('colSecurity')}</th>
            <th scope="col">{t('colUsername')}</th>
          </tr>
        </thead>
        <tbody>
          {settings.map((s) => (
            <tr key={s.service}>
              <th scope="row">{t(`service_${s.service}`)}</th>
              <td className="mono">{s.host}</td>
              <td className="mono">{s.port}</td>
              <td>{t(`security_${s.security}`)}</td>
              <td className="mono">{s.username}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
