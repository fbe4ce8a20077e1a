import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../main/contract.js';
import { asApiError } from './api.js';
import { LANGUAGES, useI18n, type MessageKey } from './i18n/index.js';
import { errorDetails, errorText } from './messages.js';

type Params = Record<string, string | number>;
/** One of the app's own sentences, kept as key and params so a language switch re-translates it. */
type Message = { key: MessageKey; params?: Params };

/**
 * Where a message is shown: next to the control or section whose action it concerns (each
 * screen places `<StatusMessages scope=…>` there); '' is the page-wide area above the screen.
 */
export type StatusScope = string;

/** What screens call. Stable per scope, so effects depending on it run once. */
interface Status {
  /** A polite message for screen readers and sighted users alike (re-translated on switch). */
  readonly announce: (key: MessageKey, params?: Params) => void;
  /** Shows a failure as an alert (worded in the current language): main's error or a Message. */
  readonly fail: (error: unknown) => void;
  /** Clears whatever message is shown, wherever it is: every action starts clean. */
  readonly clear: () => void;
}

/** The one message shown at a time, and where. */
interface Shown {
  readonly scope: StatusScope;
  readonly message: Message | null;
  readonly error: ApiError | Message | null;
}

const NOTHING: Shown = { scope: '', message: null, error: null };
const SetShownContext = createContext<((shown: Shown) => void) | null>(null);
const ShownContext = createContext<Shown>(NOTHING);

const isMessage = (e: unknown): e is Message =>
  typeof e === 'object' && e !== null && 'key' in e && (e as Message).key in LANGUAGES.en;

export function StatusProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown>(NOTHING);
  return (
    <SetShownContext.Provider value={setShown}>
      <ShownContext.Provider value={shown}>{children}</ShownContext.Provider>
    </SetShownContext.Provider>
  );
}

/** The id of the error shown in `scope`, for the aria-describedby of the control it concerns. */
export const statusErrorId = (scope: StatusScope): string => `status-${scope || 'page'}-error`;

/** `statusErrorId(scope)` while an error is shown there, else undefined. */
export function useErrorId(scope: StatusScope): string | undefined {
  const shown = useContext(ShownContext);
  return shown.scope === scope && shown.error ? statusErrorId(scope) : undefined;
}

/** A failure's sentence, and its particulars (host, HTTP status…) inline or, when long, folded. */
function ErrorText({ error }: { error: ApiError | Message }) {
  const { t, codes } = useI18n();
  if ('key' in error) return <>{`${t('errorPrefix')} ${t(error.key, error.params)}`}</>;
  const sentence = `${t('errorPrefix')} ${errorText(codes, error)}`;
  const details = errorDetails(codes, error);
  if (!details) return <>{sentence}</>;
  if (details.length <= 60) return <>{`${sentence} (${details})`}</>;
  return (
    <>
      {sentence}
      <details className="error-details">
        <summary>{t('details')}</summary>
        <span className="mono">{details}</span>
      </details>
    </>
  );
}

/**
 * The messages of `scope`, where the screen puts them: a polite live region always in the DOM,
 * an alert inside it for a failure (its id linked from the control by useErrorId).
 */
export function StatusMessages({ scope = '' }: { scope?: StatusScope }) {
  const { t } = useI18n();
  const shown = useContext(ShownContext);
  const here = shown.scope === scope ? shown : NOTHING;
  return (
    <div className="status-area" aria-live="polite" data-scope={scope || 'page'}>
      {here.message && (
        <p className="status" role="status">
          {t(here.message.key, here.message.params)}
        </p>
      )}
      {here.error && (
        <div className="status error" role="alert" id={statusErrorId(scope)}>
          <ErrorText error={here.error} />
        </div>
      )}
    </div>
  );
}

export function useStatus(scope: StatusScope = ''): Status {
  const setShown = useContext(SetShownContext);
  if (!setShown) throw new Error('useStatus outside StatusProvider');
  return useMemo<Status>(
    () => ({
      announce: (key, params) => setShown({ scope, message: { key, params }, error: null }),
      fail: (e) => setShown({ scope, message: null, error: isMessage(e) ? e : asApiError(e) }),
      clear: () => setShown(NOTHING),
    }),
    [setShown, scope],
  );
}
