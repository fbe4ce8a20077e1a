import type { DoctorCheck, DoctorStep } from '../../../main/contract.js';
import { useI18n, type Translate } from '../i18n/index.js';
import { hintText } from '../messages.js';
import { adviceFor, notNeeded } from './doctor-summary.js';

export interface LiveCheck {
  readonly id: string;
  readonly steps: readonly DoctorStep[];
  /** Null while the check is still running. */
  readonly check: DoctorCheck | null;
}

const verdictText = (check: DoctorCheck | null, t: Translate): string =>
  !check
    ? t('pending')
    : notNeeded(check)
      ? t('verdict_not_needed')
      : t(`verdict_${check.verdict}`);

const verdictClass = (check: DoctorCheck | null): string =>
  !check
    ? 'verdict pending'
    : check.verdict === 'ok'
      ? 'verdict ok'
      : check.verdict === 'skipped'
        ? 'verdict skipped'
        : 'verdict bad';

const SERVICES = new Set(['imap', 'smtp', 'pop3', 'sieve']);
type Service = 'imap' | 'smtp' | 'pop3' | 'sieve';

/** "IMAP (incoming)" for a check's protocol, the raw name for anything else. */
function serviceName(protocol: string, t: Translate): string {
  return SERVICES.has(protocol) ? t(`service_${protocol as Service}`) : protocol;
}

/** What to do, in plain words (the core's own hint is under "Details"). */
const adviceText = (check: DoctorCheck, t: Translate): string =>
  notNeeded(check)
    ? t('notNeededHint', { service: serviceName(check.protocol, t) })
    : check.verdict === 'ok'
      ? ''
      : t(adviceFor(check));

/** Failures first, then passes, then what this password does not need. */
const order = (row: LiveCheck): number =>
  !row.check ? 1 : row.check.verdict === 'ok' ? 1 : notNeeded(row.check) ? 2 : 0;

/** One row per check in plain words; host:port, timings and codes are behind "Details". */
export function CheckRows({ rows }: { rows: readonly LiveCheck[] }) {
  const { t, codes } = useI18n();
  const sorted = [...rows].sort((a, b) => order(a) - order(b));
  return (
    <>
      <div className="table-wrap">
        <table className="table checks">
          <thead>
            <tr>
              <th scope="col">{t('colCheck')}</th>
              <th scope="col">{t('colVerdict')}</th>
              <th scope="col">{t('colHint')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.check ? serviceName(row.check.protocol, t) : row.id}
                  {row.check?.family ? ` (${row.check.family})` : ''}
                </th>
                <td>
                  <span className={verdictClass(row.check)}>{verdictText(row.check, t)}</span>
                </td>
                <td>{row.check ? adviceText(row.check, t) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="details">
        <summary>{t('details')}</summary>
        <div className="table-wrap">
          <table className="table checks-details">
            <thead>
              <tr>
                <th scope="col">{t('colEndpoint')}</th>
                <th scope="col">{t('colCode')}</th>
                <th scope="col">{t('colSteps')}</th>
                <th scope="col">{t('colTechHint')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="mono">
                    {row.check
                      ? `${row.check.protocol} ${row.check.host}:${row.check.port} (${t(`security_${row.check.security}`)})${row.check.family ? ` ${row.check.family}` : ''}`
                      : row.id}
                  </th>
                  <td className="mono">{row.check?.verdict ?? ''}</td>
                  <td className="steps">
                    {row.steps.map((s) => (
                      <span key={s.name} className="step">
                        {s.name} {s.ms} ms
                      </span>
                    ))}
                  </td>
                  <td>
                    {row.check ? hintText(codes, row.check.advice) || (row.check.hint ?? '') : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
