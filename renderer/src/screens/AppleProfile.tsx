import { useState } from 'react';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';

const SCOPE = 'apple-profile';

/**
 * Apple Mail / iOS: save a configuration profile (.mobileconfig) through main's save dialog.
 * The password goes in only when asked for (`onSavedWithPassword`: it left the screen).
 */
export function AppleProfile(props: { secretRef: string; onSavedWithPassword: () => void }) {
  const { t } = useI18n();
  const status = useStatus(SCOPE);
  const errorId = useErrorId(SCOPE);
  const [includePassword, setIncludePassword] = useState(false);

  async function save() {
    status.clear();
    try {
      const { path } = await api().saveMobileconfig(props.secretRef, { includePassword });
      if (path === null) return;
      status.announce('profileSaved', { path });
      if (includePassword) props.onSavedWithPassword();
    } catch (error) {
      status.fail(error);
    }
  }

  return (
    <section className="profile" aria-labelledby="apple-profile-title">
      <h3 id="apple-profile-title">{t('profileTitle')}</h3>
      <p>{t('profileIntro')}</p>
      <label className="choice">
        <input
          type="checkbox"
          checked={includePassword}
          aria-describedby="apple-profile-note"
          onChange={(e) => setIncludePassword(e.target.checked)}
        />
        {t('profileIncludePassword')}
      </label>
      <p id="apple-profile-note" className="muted small">
        {includePassword ? t('profileWithPassword') : t('profileWithoutPassword')}
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          aria-describedby={errorId}
          onClick={() => void save()}
        >
          {t('profileSave')}
        </button>
      </div>
      <StatusMessages scope={SCOPE} />
    </section>
  );
}
