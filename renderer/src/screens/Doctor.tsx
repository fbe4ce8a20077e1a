import { useEffect, useState } from 'react';
import type {
  DoctorCheck,
  DoctorEvent,
  DoctorReport,
  PasswordEntry,
} from '../../../main/contract.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useStatus } from '../status.js';
import { CheckRows, type LiveCheck } from './CheckRows.js';
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

/** The passwords stored on this device, which the check can log in with. */
function useStoredPasswords(): readonly PasswordEntry[] {
  const status = useStatus();
  const [stored, setStored] = useState<readonly PasswordEntry[]>([]);
  useEffect(() => {
    api()
      .listPasswords()
      .then((list) => setStored(list.filter((entry) => entry.storedOnDevice)))
      .catch(status.fail);
  }, [status]);
  return stored;
}

/** Runs the check in main, showing live events as they arrive and the final report after. */
function useDoctorRun() {
  const status = useStatus();
  const [rows, setRows] = useState<ReadonlyMap<string, LiveCheck>>(new Map());
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState(false);
  const [possibleBan, setPossibleBan] = useState<DoctorReport['possibleBan']>(undefined);

  useEffect(() => api().onDoctorEvent((event) => setRows((r) => applyEvent(r, event))), []);

  async function run(passwordId: string) {
    setRows(new Map());
    setRunning(true);
    setFinished(false);
    setPossibleBan(undefined);
    status.announce('doctorRunning');
    try {
      const report = await api().runDoctor(passwordId ? { passwordId: Number(passwordId) } : {});
      setRows(fromReport(report.checks));
      setPossibleBan(report.possibleBan);
      // A login skipped because the password lacks that protocol is not a failure.
      const ok = report.checks.filter(
        (c) => c.verdict === 'ok' || (c.verdict === 'skipped' && c.skipReason === 'no_scope'),
      ).length;
      status.announce('doctorDone', { ok, total: report.checks.length });
      setFinished(true);
    } catch (error) {
      status.fail(error);
    }
    setRunning(false);
  }

  return { rows, running, finished, possibleBan, run };
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

/** Connectivity check: live step rows, verdicts, hints, copy a redacted report. */
export function Doctor() {
  const { t } = useI18n();
  const status = useStatus();
  const stored = useStoredPasswords();
  const [passwordId, setPasswordId] = useState('');
  const { rows, running, finished, possibleBan, run } = useDoctorRun();

  async function copyReport() {
    try {
      await api().copyDoctorReport();
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
        <button type="button" disabled={running} onClick={() => void run(passwordId)}>
          {running ? t('doctorRunning') : t('doctorRun')}
        </button>
        {finished && (
          <button type="button" className="secondary" onClick={() => void copyReport()}>
            {t('copyReport')}
          </button>
        )}
      </div>
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
