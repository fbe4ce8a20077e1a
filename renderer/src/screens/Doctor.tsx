import { useEffect, useState } from 'react';
import type {
  DoctorCheck,
  DoctorEvent,
  DoctorReport,
  PasswordEntry,
} from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StatusMessages, useErrorId, useStatus } from '../status.js';
import { CheckRows, type LiveCheck } from './CheckRows.js';
import { summarize, type DoctorSummary } from './doctor-summary.js';
import { ScreenHeading } from '../ScreenHeading.js';

/** Applies one live event to the rows shown so far. */
function applyEvent(
  rows: ReadonlyMap<string, LiveCheck>,
  event: DoctorEvent,
): Map<string, LiveCheck> {
  const next = new Map(rows);
  if (event.type === 'check') {
    next.set(event.check.id, { id: event.check.id, steps: event.check.steps, check: event.check });
  } else {
    const row = next.get(event.checkId) ?? { id: event.checkId, steps: [], check: null };
    next.set(event.checkId, { ...row, steps: [...row.steps, event.step] });
  }
  return next;
}

const fromReport = (checks: readonly DoctorCheck[]): Map<string, LiveCheck> =>
  new Map(checks.map((check) => [check.id, { id: check.id, steps: check.steps, check }]));

/**
 * The passwords stored on this device, which the check can log in with, newest first; the
 * newest is preselected (`onNewest`), "no login" stays possible.
 */
/** Messages of the check show in its panel, below its buttons. */
const SCOPE = 'doctor';

function useStoredPasswords(onNewest: (id: string) => void): readonly PasswordEntry[] {
  const status = useStatus(SCOPE);
  const [stored, setStored] = useState<readonly PasswordEntry[]>([]);
  useEffect(() => {
    api()
      .listPasswords()
      .then((list) => {
        const mine = list.filter((entry) => entry.storedOnDevice).sort((a, b) => b.id - a.id);
        setStored(mine);
        if (mine[0]) onNewest(String(mine[0].id));
      })
      .catch(status.fail);
  }, [status, onNewest]);
  return stored;
}

/** Runs the check in main, showing live events as they arrive and the final report after. */
function useDoctorRun() {
  const status = useStatus(SCOPE);
  const [rows, setRows] = useState<ReadonlyMap<string, LiveCheck>>(new Map());
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<DoctorSummary | null>(null);
  const [possibleBan, setPossibleBan] = useState<DoctorReport['possibleBan']>(undefined);

  useEffect(() => api().onDoctorEvent((event) => setRows((r) => applyEvent(r, event))), []);

  async function run(passwordId: string) {
    setRows(new Map());
    setRunning(true);
    setSummary(null);
    setPossibleBan(undefined);
    status.announce('doctorRunning');
    try {
      const report = await api().runDoctor(passwordId ? { passwordId: Number(passwordId) } : {});
      setRows(fromReport(report.checks));
      setPossibleBan(report.possibleBan);
      status.clear();
      setSummary(summarize(report.checks, passwordId !== ''));
    } catch (error) {
      status.fail(error);
    }
    setRunning(false);
  }

  return { rows, running, summary, possibleBan, run };
}

/** Picker: run without a login, or log in with one of the stored passwords. */
function LoginPicker(props: {
  stored: readonly PasswordEntry[];
  value: string;
  disabled: boolean;
  onChange: (passwordId: string) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="inline">
      <span>{t('doctorWith')}</span>
      <select
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t('doctorNoLogin')}</option>
        {props.stored.map((entry) => (
          <option key={entry.id} value={String(entry.id)}>
            {entry.name}
          </option>
        ))}
      </select>
    </label>
  );
}

const countsOf = ({ failed, passed, notNeeded }: DoctorSummary) => ({ failed, passed, notNeeded });

/** The one sentence that answers "does my mail work, whose problem is it", and the counts. */
function SummaryNotice({ summary }: { summary: DoctorSummary }) {
  const { t } = useI18n();
  return (
    <div className={summary.ok ? 'summary ok' : 'summary bad'} role="status">
      <p className="headline">{t(summary.headline)}</p>
      <p>{t('summaryCounts', countsOf(summary))}</p>
    </div>
  );
}

/** Connectivity check: one sentence first, rows in plain words, details, copy a report. */
export function Doctor() {
  const { t } = useI18n();
  const status = useStatus(SCOPE);
  const errorId = useErrorId(SCOPE);
  const [passwordId, setPasswordId] = useState('');
  const stored = useStoredPasswords(setPasswordId);
  const { rows, running, summary, possibleBan, run } = useDoctorRun();

  async function copyReport(s: DoctorSummary) {
    status.clear();
    try {
      // The report carries the screen's own sentence and counts, in the person's language.
      await api().copyDoctorReport({
        headline: t(s.headline),
        counts: t('summaryCounts', countsOf(s)),
      });
      status.announce('reportCopied');
    } catch (error) {
      status.fail(error);
    }
  }

  return (
    <section className="card" aria-labelledby="doctor-title">
      <ScreenHeading id="doctor-title">{t('doctorTitle')}</ScreenHeading>
      <p className="muted">{t('doctorIntro')}</p>
      <div className="actions">
        <LoginPicker
          stored={stored}
          value={passwordId}
          disabled={running}
          onChange={setPasswordId}
        />
        <button
          type="button"
          disabled={running}
          aria-describedby={errorId}
          onClick={() => void run(passwordId)}
        >
          {running ? t('doctorRunning') : t('doctorRun')}
        </button>
        {summary && (
          <button type="button" className="secondary" onClick={() => void copyReport(summary)}>
            {t('copyReport')}
          </button>
        )}
      </div>
      <StatusMessages scope={SCOPE} />
      {summary && <SummaryNotice summary={summary} />}
      {possibleBan && (
        <p className="notice warn" role="note">
          {t('possibleBan', {
            minutes: possibleBan.banMinutes,
            hours: Math.round(possibleBan.maxBanMinutes / 60),
          })}
        </p>
      )}
      {rows.size > 0 && <CheckRows rows={[...rows.values()]} />}
    </section>
  );
}
