import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { spawnBench, stopProcess } from '../../harness/processes.js';

const ROOT = join(import.meta.dirname, '../../..');

/** A broker in a process of its own (so it can be sent SIGTERM or SIGKILL). */
export interface BrokerProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts `argv` (default: `tsx broker/main.ts`, what `npm run broker` runs) with exactly `env`
 * and waits for its "listening on" log line.
 */
export async function spawnBroker(
  env: Record<string, string>,
  argv: string[] = ['--import', 'tsx', join(ROOT, 'broker/main.ts')],
  cwd = ROOT,
): Promise<BrokerProcess> {
  const child = spawnBench(process.execPath, argv, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker did not start: ${stderr}`)), 20_000);
    const check = () => {
      const m = /listening on (http:\/\/[^ ]+) /.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stderr?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited ${code}: ${stderr}`));
    });
  });
  return { url, child, stderr: () => stderr, exited, stop: () => stopProcess(child, 5000) };
}
