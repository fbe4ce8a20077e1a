import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { asApiError } from './api.js';
import { useI18n } from './i18n/index.js';

interface Status {
  /** A polite message for screen readers and sighted users alike. */
  readonly announce: (text: string) => void;
  /** Shows a failure as an alert. */
  readonly fail: (error: unknown) => void;
  readonly clear: () => void;
  readonly message: string;
  readonly error: string;
}

const StatusContext = createContext<Status | null>(null);

/** One aria-live region for progress and one alert region for failures. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const announce = useCallback((text: string) => {
    setError('');
    setMessage(text);
  }, []);
  const fail = useCallback((e: unknown) => {
    setMessage('');
    setError(asApiError(e).message);
  }, []);
  const clear = useCallback(() => {
    setError('');
    setMessage('');
  }, []);
  const value = useMemo(
    () => ({ announce, fail, clear, message, error }),
    [announce, fail, clear, message, error],
  );
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

/** The live regions: progress (polite) and failures (alert), always in the DOM. */
export function StatusMessages() {
  const { t } = useI18n();
  const { message, error } = useStatus();
  return (
    <div className="status-area">
      <p className="status" role="status" aria-live="polite">
        {message}
      </p>
      <p className="status error" role="alert">
        {error && `${t('errorPrefix')} ${error}`}
      </p>
    </div>
  );
}

export function useStatus(): Status {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}
