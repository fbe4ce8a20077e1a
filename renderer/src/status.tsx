import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../main/contract.js';
import { asApiError } from './api.js';
import { LANGUAGES, useI18n, type MessageKey } from './i18n/index.js';
import { errorText } from './messages.js';

type Params = Record<string, string | number>;
/** One of the app's own sentences, kept as key and params so a language switch re-translates it. */
type Message = { key: MessageKey; params?: Params };

/** What screens call. Stable for the app's lifetime, so effects depending on it run once. */
interface Status {
  /** A polite message for screen readers and sighted users alike (re-translated on switch). */
  readonly announce: (key: MessageKey, params?: Params) => void;
  /** Shows a failure as an alert (worded in the current language): main's error or a Message. */
  readonly fail: (error: unknown) => void;
  readonly clear: () => void;
}

/** What the live regions show; changes with every message. */
interface Shown {
  readonly message: Message | null;
  readonly error: ApiError | Message | null;
}

const StatusContext = createContext<Status | null>(null);
const ShownContext = createContext<Shown>({ message: null, error: null });

const isMessage = (e: unknown): e is Message =>
  typeof e === 'object' && e !== null && 'key' in e && (e as Message).key in LANGUAGES.en;

/** One aria-live region for progress and one alert region for failures. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown>({ message: null, error: null });
  // The setters never change, so neither does the value screens depend on.
  const status = useMemo<Status>(
    () => ({
      announce: (key, params) => setShown({ message: { key, params }, error: null }),
      fail: (e) => setShown({ message: null, error: isMessage(e) ? e : asApiError(e) }),
      clear: () => setShown({ message: null, error: null }),
    }),
    [],
  );
  return (
    <StatusContext.Provider value={status}>
      <ShownContext.Provider value={shown}>{children}</ShownContext.Provider>
    </StatusContext.Provider>
  );
}

/** The live regions: progress (polite) and failures (alert), always in the DOM. */
export function StatusMessages() {
  const { t, codes } = useI18n();
  const { message, error } = useContext(ShownContext);
  return (
    <div className="status-area">
      <p className="status" role="status" aria-live="polite">
        {message && t(message.key, message.params)}
      </p>
      <p className="status error" role="alert">
        {error &&
          `${t('errorPrefix')} ${'key' in error ? t(error.key, error.params) : errorText(codes, error)}`}
      </p>
    </div>
  );
}

export function useStatus(): Status {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}
