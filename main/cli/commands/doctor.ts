import {
  checkConnectivity,
  type CheckPassword,
  type CheckWhere,
} from '../../core/account/check.js';
import { discover } from '../../core/discovery/discover.js';
import type { DoctorEvent } from '../../../protocol/report.js';
import { withHints } from '../render/hints.js';
import { reportMarkdown, reportText } from '../render/report.js';
import { redactReport } from '../../core/diagnostics/redact.js';
import { allOk } from '../../core/diagnostics/report.js';
import { createVault, defaultDataDir } from '../../core/vault/index.js';
import type { CliContext, Command } from '../command.js';
import { parseId, str, usage } from '../args.js';

const DEFAULT_TIMEOUT_MS = 20_000;

async function readStdinLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** The password to log in with: a line from stdin, or one stored on this device by id. */
async function password(
  values: Record<string, unknown>,
  ctx: CliContext,
): Promise<CheckPassword | undefined> {
  const fromKeychain = str(values['from-keychain']);
  if (values['password-stdin'] && fromKeychain) {
    throw usage('Use either --password-stdin or --from-keychain, not both.');
  }
  if (values['password-stdin']) {
    const pass = await readStdinLine(ctx.stdin);
    if (!pass) throw usage('--password-stdin got an empty line; pipe the app password in.');
    return { pass };
  }
  return fromKeychain === undefined ? undefined : { storedId: parseId(fromKeychain) };
}

/** `--host`: every mailcow port there; else what discovery finds for the address. */
async function where(
  email: string,
  host: string | undefined,
  ctx: CliContext,
): Promise<CheckWhere> {
  if (host) return { host };
  const found = await discover(email, {
    env: ctx.env,
    ...(ctx.config ? { config: ctx.config } : {}),
  });
  return {
    mail: found.mailHosts,
    ...(found.mailHosts.imap ? { mailHost: found.mailHosts.imap.host } : {}),
  };
}

function timeout(values: Record<string, unknown>): number {
  const text = str(values.timeout);
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  if (!/^\d{3,7}$/.test(text)) throw usage('--timeout takes milliseconds, e.g. --timeout 15000.');
  return Number(text);
}

function liveLine(e: DoctorEvent): string | undefined {
  if (e.type === 'step')
    return `  ${e.checkId} ${e.step.name} ${e.step.ms} ms ${e.step.ok ? 'ok' : 'failed'}`;
  return `${e.check.verdict === 'ok' ? 'ok  ' : 'FAIL'} ${e.check.id} ${e.check.verdict}`;
}

export const doctorCommand: Command = {
  options: {
    host: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'from-keychain': { type: 'string' },
    timeout: { type: 'string' },
    redact: { type: 'boolean' },
    markdown: { type: 'boolean' },
  },
  async run(positionals, values, ctx) {
    const [email, ...rest] = positionals;
    if (!email || rest.length || !email.includes('@')) {
      throw usage('Give exactly one email address: apppass doctor <email>.');
    }
    const timeoutMs = timeout(values);
    const secret = await password(values, ctx);
    const target = await where(email, str(values.host), ctx);
    if (!secret) ctx.err('No password given: checking everything up to the login.');
    const report = await checkConnectivity(
      { dataDir: defaultDataDir(ctx.env), vault: createVault },
      {
        mailbox: email,
        where: target,
        ...(secret ? { password: secret } : {}),
        timeoutMs,
        env: ctx.env,
        findings: {},
        onEvent: (e) => {
          const line = liveLine(e);
          if (line) ctx.err(line);
        },
      },
    );
    const shown = withHints(values.redact ? redactReport(report) : report);
    if (ctx.json) ctx.out(JSON.stringify(shown, null, 2));
    else ctx.out(values.markdown ? reportMarkdown(shown) : reportText(shown));
    return allOk(report) ? 0 : 1;
  },
};
