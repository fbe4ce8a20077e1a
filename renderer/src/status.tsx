import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { asApiError } from './api.js';
import { LANGUAGES, useI18n, type MessageKey } from './i18n/index.js';

type Params = Record<string, string | number>;

interface Status {
  /** A polite message for screen readers and sighted users alike (re-translated on switch). */
  readonly announce: (key: MessageKey, params?: Params) => void;
  /** Shows a failure as an alert. */
  readonly fail: (error: unknown) => void;
  readonly clear: () => void;
  readonly message: { key: MessageKey; params?: Params } | null;
  readonly error: { code: string; message: string } | null;
}

/** A failure the app says in the user's language (`error_<code>`); others show core's text. */
function errorKey(code: string): MessageKey | undefined {
  const key = `error_${code}`;
  return key in LANGUAGES.en ? (key as MessageKey) : undefined;
}

const StatusContext = createContext<Status | null>(null);

/** One aria-live region for progress and one alert region for failures. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<Status['message']>(null);
  const [error, setError] = useState<Status['error']>(null);
  const announce = useCallback((key: MessageKey, params?: Params) => {
    setError(null);
    setMessage({ key, params });
  }, []);
  const fail = useCallback((e: unknown) => {
    setMessage(null);
    const { code, message } = asApiError(e);
    setError({ code, message });
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setMessage(null);
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
        {message && t(message.key, message.params)}
      </p>
      <p className="status error" role="alert">
        {error && `${t('errorPrefix')} ${translatedError(error, t)}`}
      </p>
    </div>
  );
}

function translatedError(
  error: { code: string; message: string },
  t: ReturnType<typeof useI18n>['t'],
): string {
  const key = errorKey(error.code);
  return key ? t(key) : error.message;
}

export function useStatus(): Status {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}
