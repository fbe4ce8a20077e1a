import { discover } from '../../core/discovery/discover.js';
import { runDoctor, type DoctorEvent } from '../../core/diagnostics/doctor.js';
import { endpointsFor, mailcowEndpoints } from '../../core/diagnostics/endpoints.js';
import { reportMarkdown, reportText } from '../../core/diagnostics/markdown.js';
import type { ProbeTarget } from '../../core/diagnostics/probe.js';
import { redactReport } from '../../core/diagnostics/redact.js';
import { allOk } from '../../core/diagnostics/report.js';
import { AppPassError } from '../../core/errors.js';
import { indexedScopes } from '../../core/diagnostics/scopes.js';
import type { ProtocolScope } from '../../../protocol/scopes.js';
import { createVault, defaultDataDir, openPasswordIndex } from '../../core/vault/index.js';
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

type Secret = { pass: string; scopes?: ProtocolScope[] };

/** The password to log in with, and with --from-keychain its scopes from the device's index. */
async function password(
  values: Record<string, unknown>,
  email: string,
  ctx: CliContext,
): Promise<Secret | undefined> {
  const fromKeychain = str(values['from-keychain']);
  if (values['password-stdin'] && fromKeychain) {
    throw usage('Use either --password-stdin or --from-keychain, not both.');
  }
  if (values['password-stdin']) {
    const pass = await readStdinLine(ctx.stdin);
    if (!pass) throw usage('--password-stdin got an empty line; pipe the app password in.');
    return { pass };
  }
  if (fromKeychain === undefined) return undefined;
  const id = parseId(fromKeychain);
  const pass = await createVault().readAppPassword(email, id);
  if (!pass) {
    throw new AppPassError(
      'not_stored',
      `No app password ${fromKeychain} for ${email} is stored on this device; see \`apppass list\`.`,
      'usage',
    );
  }
  const index = await openPasswordIndex(defaultDataDir(ctx.env));
  const scopes = await indexedScopes(index, email, id);
  return { pass, ...(scopes ? { scopes } : {}) };
}

async function endpoints(email: string, host: string | undefined, ctx: CliContext) {
  if (host) return mailcowEndpoints(host);
  const found = await discover(email, {
    env: ctx.env,
    ...(ctx.config ? { config: ctx.config } : {}),
  });
  const targets: ProbeTarget[] = endpointsFor(found.mailHosts, found.mailHosts.imap?.host);
  if (!targets.length) {
    throw usage(`No mail server found for ${email}; give one with --host <name>.`);
  }
  return targets;
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
    const secret = await password(values, email, ctx);
    const targets = await endpoints(email, str(values.host), ctx);
    if (!secret) ctx.err('No password given: checking everything up to the login.');
    const report = await runDoctor({
      target: email,
      endpoints: targets,
      ...(secret ? { credentials: { user: email, pass: secret.pass } } : {}),
      ...(secret?.scopes ? { scopes: secret.scopes } : {}),
      timeoutMs,
      env: ctx.env,
      findings: {},
      onEvent: (e) => {
        const line = liveLine(e);
        if (line) ctx.err(line);
      },
    });
    const shown = values.redact ? redactReport(report) : report;
    if (ctx.json) ctx.out(JSON.stringify(shown, null, 2));
    else ctx.out(values.markdown ? reportMarkdown(shown) : reportText(shown));
    return allOk(report) ? 0 : 1;
  },
};
