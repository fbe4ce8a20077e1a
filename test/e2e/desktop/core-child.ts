import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { INVOKE_CHANNELS, type AppPassInvokes } from '../../../main/contract.js';
import { AppPassError, type ErrorKind } from '../../../main/core/errors.js';
import { pageEmitter } from './preload-host.js';

// The real desktop core in a child process (desktop-core-child.ts) with an environment of its
// own: the keyring library binds to one D-Bus session per process.

const CHILD = join(import.meta.dirname, 'desktop-core-child.ts');

type Answer = { id: number; ok: boolean; value?: unknown; error?: ApiFailure };
type ApiFailure = { code: string; params: Record<string, string | number>; kind: ErrorKind };
type Note = Answer | { open: string } | { emit: [never, never] } | { clipboard: string };

/** The desktop core in a child process, on the D-Bus session of `env`. */
export interface CoreChild {
  api: AppPassInvokes;
  stop(): Promise<void>;
}

export function startCoreChild(
  env: NodeJS.ProcessEnv,
  args: { dataDir: string; config: string },
  on: { open(url: string): void; page: Page },
): CoreChild {
  const child: ChildProcess = fork(CHILD, [args.dataDir, args.config], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (a: Answer) => void>();
  const emit = pageEmitter(on.page);
  child.on('message', (note: Note) => {
    if ('open' in note) on.open(note.open);
    else if ('emit' in note) emit(...note.emit);
    else if ('id' in note) pending.get(note.id)?.(note);
  });
  let next = 0;
  const call = (name: string, callArgs: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      pending.set(id, (a) => {
        pending.delete(id);
        if (a.ok) resolve(a.value);
        else
          reject(
            new AppPassError(a.error?.code ?? 'internal', a.error?.kind, {
              params: a.error?.params ?? {},
            }),
          );
      });
      child.send({ id, name, args: callArgs });
    });
  const api = Object.fromEntries(
    INVOKE_CHANNELS.map((name) => [name, (...a: unknown[]) => call(name, a)]),
  ) as unknown as AppPassInvokes;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    api,
    async stop() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
