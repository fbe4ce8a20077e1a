import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../main/contract.js';
import { asApiError } from './api.js';
import { LANGUAGES, useI18n, type MessageKey, type Translate } from './i18n/index.js';

type Params = Record<string, string | number>;
type Message = { key: MessageKey; params?: Params };

interface Status {
  /** A polite message for screen readers and sighted users alike (re-translated on switch). */
  readonly announce: (key: MessageKey, params?: Params) => void;
  /** Shows a failure as an alert. */
  readonly fail: (error: unknown) => void;
  readonly clear: () => void;
  readonly message: Message | null;
  readonly error: ApiError | Message | null;
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
    setError(isMessage(e) ? e : asApiError(e));
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

const isMessage = (e: unknown): e is Message =>
  typeof e === 'object' && e !== null && 'key' in e && (e as Message).key in LANGUAGES.en;

/**
 * A failure in the person's language: a code the catalogue knows is translated (and so
 * re-translated on a language switch); main's own sentence is the fallback.
 */
export function errorText(error: ApiError | Message, t: Translate): string {
  if ('key' in error) return t(error.key, error.params);
  const key = `error_${error.code}`;
  return key in LANGUAGES.en ? t(key as MessageKey) : error.message;
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
        {error && `${t('errorPrefix')} ${errorText(error, t)}`}
      </p>
    </div>
  );
}

export function useStatus(): Status {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}
