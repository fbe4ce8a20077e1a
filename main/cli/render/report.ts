import type { CheckResult, DoctorReport, Finding } from '../../../protocol/report.js';
import { possibleBanText } from './ban.js';

// The copy-to-ticket form of the report: the same model as --json, as Markdown.

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function tlsText(c: CheckResult): string {
  if (!c.tls) return '—';
  const t = c.tls;
  return `${t.protocol}, ${t.certSubject || '?'}, ${t.daysLeft} days left${t.trusted ? '' : ', untrusted'}`;
}

function steps(c: CheckResult): string {
  return c.steps.map((s) => `${s.name} ${s.ms} ms${s.ok ? '' : ' ✗'}`).join(' → ');
}

function checkRow(c: CheckResult): string {
  const where = `${c.id}${c.family ? ` (${c.family})` : ''}`;
  return `| ${cell(where)} | ${c.host}:${c.port} ${c.security} | **${c.verdict}** | ${c.durationMs} ms | ${cell(tlsText(c))} |`;
}

/** One line per finding: what was found, then the hint when there is one. */
function findingText(f: Finding): string {
  const what =
    f.id === 'clock'
      ? f.skewSeconds === null
        ? 'skew unknown'
        : `skew ${f.skewSeconds} s against ${f.source}`
      : f.servers.map((s) => `${s.service} ${s.host}:${s.port} ${s.security}`).join(', ') ||
        'no servers advertised';
  return `${f.id} **${f.verdict}**: ${what}${f.hint ? `. ${f.hint}` : ''}${f.detail ? ` (${f.detail})` : ''}`;
}

export function reportMarkdown(
  r: DoctorReport,
  summary?: { headline: string; counts: string },
): string {
  const ok = r.checks.filter((c) => c.verdict === 'ok').length;
  const started = `Started ${r.startedAt}, took ${r.durationMs} ms`;
  const lines = [
    `# Mail connectivity check for ${r.target}`,
    '',
    // The desktop app passes the sentence and counts its screen shows, in the person's words.
    ...(summary
      ? [`**${cell(summary.headline)}**`, '', `${cell(summary.counts)}. ${started}.`]
      : [`${started}; ${ok} of ${r.checks.length} checks ok.`]),
    '',
    '| check | endpoint | verdict | time | TLS |',
    '|---|---|---|---|---|',
    ...r.checks.map(checkRow),
  ];
  const findings = r.checks.filter((c) => c.hint);
  if (findings.length) {
    lines.push('', '## What to do', '');
    for (const c of findings) lines.push(`- **${c.id}** (${c.verdict}): ${c.hint}`);
  }
  if (r.findings?.length) {
    lines.push('', '## Findings', '', ...r.findings.map((f) => `- ${cell(findingText(f))}`));
  }
  if (r.possibleBan) lines.push('', '## Banned?', '', possibleBanText(r.possibleBan));
  lines.push('', '## Steps', '');
  for (const c of r.checks) {
    lines.push(`- **${c.id}**: ${steps(c) || 'no steps'}${c.detail ? ` — ${cell(c.detail)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A short human summary for the terminal. */
export function reportText(r: DoctorReport): string {
  const lines = r.checks.map((c) => {
    const head = `${c.verdict === 'ok' ? 'ok  ' : 'FAIL'} ${c.id.padEnd(16)} ${c.verdict.padEnd(27)} ${String(c.durationMs).padStart(6)} ms`;
    return c.hint ? `${head}\n     ${c.hint}` : head;
  });
  for (const f of r.findings ?? []) lines.push(findingText(f).replace(/\*\*/g, ''));
  if (r.possibleBan) lines.push(possibleBanText(r.possibleBan));
  const ok = r.checks.filter((c) => c.verdict === 'ok').length;
  lines.push(`${ok}/${r.checks.length} checks ok for ${r.target} in ${r.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}
