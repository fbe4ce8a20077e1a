import { useEffect, useState } from 'react';
import { api } from './api.js';
import { useI18n } from './i18n/index.js';

/** A banner across the top when the app runs against the demo bench (`npm run demo`). */
export function DemoBanner() {
  const { t } = useI18n();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    api()
      .appInfo()
      .then((info) => setDemo(info.demo))
      .catch(() => undefined);
  }, []);
  if (!demo) return null;
  return (
    <p className="demo-banner" role="note">
      {t('demoBanner')}
    </p>
  );
}
