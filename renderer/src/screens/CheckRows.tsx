import type { DoctorCheck, DoctorStep } from '../../../main/contract.js';
import { useI18n, type Translate } from '../i18n/index.js';
import { hintText } from '../messages.js';

export interface LiveCheck {
  readonly id: string;
  readonly steps: readonly DoctorStep[];
  /** Null while the check is still running. */
  readonly check: DoctorCheck | null;
}

const verdictText = (check: DoctorCheck | null, t: Translate): string =>
  check ? t(`verdict_${check.verdict}`) : t('pending');

const verdictClass = (check: DoctorCheck | null): string =>
  !check
    ? 'verdict pending'
    : check.verdict === 'ok'
      ? 'verdict ok'
      : check.verdict === 'skipped'
        ? 'verdict skipped'
        : 'verdict bad';

/** One row per check, filled step by step as events arrive. */
export function CheckRows({ rows }: { rows: readonly LiveCheck[] }) {
  const { t, codes } = useI18n();
  return (
    <table className="table checks">
      <thead>
        <tr>
          <th scope="col">{t('colCheck')}</th>
          <th scope="col">{t('colVerdict')}</th>
          <th scope="col">{t('colSteps')}</th>
          <th scope="col">{t('colHint')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row" className="mono">
              {row.check
                ? `${row.check.protocol} ${row.check.host}:${row.check.port} (${t(`security_${row.check.security}`)})${row.check.family ? ` ${row.check.family}` : ''}`
                : row.id}
            </th>
            <td>
              <span className={verdictClass(row.check)}>{verdictText(row.check, t)}</span>
              {row.check && row.check.verdict !== 'ok' && (
                <span className="code">{row.check.verdict}</span>
              )}
            </td>
            <td className="steps">
              {row.steps.map((s) => (
                <span key={s.name} className="step">
                  {s.name} {s.ms} ms
                </span>
              ))}
            </td>
            <td>{row.check ? hintText(codes, row.check.advice) || (row.check.hint ?? '') : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
