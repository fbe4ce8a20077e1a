import { useState, type FormEvent } from 'react';
import type { BanView } from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';

/** mailcow's fail2ban bans (all, or those covering one address), each with "Lift ban". */
export function HelpdeskBans() {
  const { t, language } = useI18n();
  const status = useStatus('helpdesk-bans');
  const errorId = useErrorId('helpdesk-bans');
  const [ip, setIp] = useState('');
  const [bans, setBans] = useState<readonly BanView[] | null>(null);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });

  async function load() {
    try {
      setBans(await api().helpdeskBans(ip.trim() || null));
    } catch (error) {
      setBans(null);
      status.fail(error);
    }
  }

  async function unban(ban: BanView) {
    status.clear();
    try {
      const queued = await api().helpdeskUnban(ban.network.split('/')[0] ?? ban.network);
      status.announce('unbanQueued', { networks: queued.join(', ') });
      await load();
    } catch (error) {
      status.fail(error);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    status.clear();
    void load();
  }

  return (
    <section aria-labelledby="bans-title">
      <h3 id="bans-title">{t('bansTitle')}</h3>
      <form className="actions" onSubmit={submit}>
        <label className="inline">
          <span>{t('bansIpLabel')}</span>
          <input
            value={ip}
            autoComplete="off"
            aria-describedby={errorId}
            onChange={(e) => setIp(e.target.value)}
          />
        </label>
        <button type="submit">{t('bansShow')}</button>
      </form>
      <StatusMessages scope="helpdesk-bans" />
      {bans !== null &&
        (bans.length === 0 ? (
          <p className="muted">{t('noBans')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('colNetwork')}</th>
                <th scope="col">{t('colBannedUntil')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {bans.map((b) => (
                <tr key={b.network}>
                  <th scope="row" className="mono">
                    {b.network}
                  </th>
                  <td>{time.format(new Date(b.until))}</td>
                  <td>
                    {b.queuedForUnban ? (
                      <span className="muted">{t('unbanPending')}</span>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('unbanNamed', { network: b.network })}
                        onClick={() => void unban(b)}
                      >
                        {t('unban')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
