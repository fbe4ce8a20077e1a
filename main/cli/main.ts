import { parseArgs } from 'node:util';
import { usage } from './args.js';
import type { CliContext, Command, CommandEntry, CommandOptions } from './command.js';
import { COMMANDS } from './commands/index.js';
import { describeFailure } from './failures.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout(text: string): void;
  stderr(text: string): void;
}

const GLOBAL_OPTIONS: CommandOptions = {
  json: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Runs one `apppass` invocation; resolves with the exit code (0/1/2/3), never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const ctx: CliContext = {
    json,
    config: undefined,
    env: io.env,
    stdin: io.stdin,
    out: (text) => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => io.stderr(text.endsWith('\n') || text.endsWith(' ') ? text : `${text}\n`),
  };
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    const failure = describeFailure(error);
    ctx.err(`apppass: ${failure.message}`);
    if (failure.debug && io.env.APPPASS_DEBUG === '1') ctx.err(failure.debug);
    if (json) ctx.out(JSON.stringify({ error: { code: failure.code, message: failure.message } }));
    return failure.exitCode;
  }
}

async function dispatch(argv: string[], base: CliContext): Promise<number> {
  const name = commandName(argv);
  const entry = COMMANDS.find((c) => c.name === name);
  if (!name && (argv.includes('--help') || argv.includes('-h'))) {
    base.out(generalHelp());
    return 0;
  }
  if (!name) {
    base.err(generalHelp());
    throw usage('No command given.');
  }
  if (!entry) throw usage(`Unknown command "${name}"; see \`apppass --help\`.`);
  const command = await entry.load();
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, ...command.options },
    allowPositionals: true,
    allowNegative: false,
    strict: true,
  });
  if (values.help) {
    base.out(commandHelp(entry, command));
    return 0;
  }
  const ctx: CliContext = {
    ...base,
    config: typeof values.config === 'string' ? values.config : undefined,
  };
  return command.run(positionals.slice(1), values as Parameters<Command['run']>[1], ctx);
}

/** The first positional, skipping the value of `--config`. */
function commandName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--config') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: apppass <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --json           machine-readable output on stdout (nothing else on stdout)',
    '  --config <file|url>  use this discovery document instead of discovering one',
    '  -h, --help       show help for a command',
    '',
    'Exit codes: 0 success, 1 failed, 2 usage or configuration error, 3 not signed in / sign-in failed.',
  ].join('\n');
}

function commandHelp(c: CommandEntry, command: Command): string {
  const opts = Object.entries(command.options).map(
    ([k, v]) => `  --${k}${v.type === 'string' ? ' <value>' : ''}`,
  );
  return [
    `Usage: ${c.usage}`,
    '',
    c.summary,
    ...(opts.length ? ['', 'Options:', ...opts] : []),
  ].join('\n');
}
