import type { ParseArgsConfig } from 'node:util';

/** What every `apppass` command gets: output streams and the global flags. */
export interface CliContext {
  /** `--json`: machine output on stdout, nothing else on stdout. */
  readonly json: boolean;
  /** `--config <file|url>`: a discovery document to use instead of discovering one. */
  readonly config: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  /** Result output (JSON or human text). */
  out(text: string): void;
  /** Progress and messages for people; never secrets. */
  err(text: string): void;
}

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What `apppass --help` knows about a command without loading it. */
export interface CommandEntry {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Imports the command's module; done only when the command runs or shows its help. */
  load(): Promise<Command>;
}

/**
 * One `apppass` sub-command's options and body. `run` returns the exit code (0 success, 1 the
 * thing checked or asked failed); usage, configuration and sign-in failures are thrown as
 * AppPassError and mapped to 2 and 3 by the entry point.
 */
export interface Command {
  readonly options: CommandOptions;
  run(
    positionals: string[],
    values: Record<string, string | boolean | string[] | boolean[] | undefined>,
    ctx: CliContext,
  ): Promise<number>;
}
