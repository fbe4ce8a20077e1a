import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/**
 * Bench processes are marked by APPPASS_BENCH=1 in their environment. Several test runs may
 * share a machine, so global-setup also sets APPPASS_BENCH_RUN=<id>; a marked process belongs
 * to this run when it carries our run id, or carries none and descends from this process.
 */
export const BENCH_MARK = 'APPPASS_BENCH';
export const RUN_MARK = 'APPPASS_BENCH_RUN';
// dovecot's children show as `dovecot/imap-login` etc. in their cmdline; comm is cut at 15 chars.
const BENCH_NAMES = /dovecot|dbus-daemon|gnome-keyring|chrom|nginx|redis-server/;

/** The environment to spawn a bench process with: ours plus the bench mark. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, [BENCH_MARK]: '1', ...extra };
}

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  cmd: string;
  env: Map<string, string>;
}

async function readProc(pid: number): Promise<ProcInfo | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state = '', ppid = '0'] = stat.slice(close + 2).split(' ');
    if (state === 'Z' || state === 'X') return undefined; // zombies are not running
    const envRaw = await readFile(`/proc/${pid}/environ`, 'utf8');
    const env = new Map(
      envRaw
        .split('\0')
        .filter((kv) => kv.includes('='))
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
    );
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), comm, cmd, env };
  } catch {
    return undefined; // exited meanwhile, or not ours to read
  }
}

async function allProcesses(): Promise<Map<number, ProcInfo>> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const infos = await Promise.all(pids.map(readProc));
  return new Map(infos.filter((p): p is ProcInfo => p !== undefined).map((p) => [p.pid, p]));
}

function ancestors(procs: Map<number, ProcInfo>, pid: number): number[] {
  const chain: number[] = [];
  for (let p = procs.get(pid); p && p.ppid > 1 && chain.length < 64; p = procs.get(p.ppid))
    chain.push(p.ppid);
  return chain;
}

function isMarkedOurs(
  procs: Map<number, ProcInfo>,
  p: ProcInfo,
  runId: string | undefined,
): boolean {
  if (p.env.get(BENCH_MARK) !== '1') return false;
  const theirRun = p.env.get(RUN_MARK);
  if (runId && theirRun) return theirRun === runId;
  return ancestors(procs, p.pid).includes(process.pid);
}

/**
 * pids of bench processes (dovecot, dbus-daemon, gnome-keyring-daemon, chromium) that are ours:
 * marked ones, and their descendants (Chromium's zygote and renderers drop the environment).
 */
export async function benchProcesses(): Promise<Array<{ pid: number; cmd: string }>> {
  const procs = await allProcesses();
  const runId = process.env[RUN_MARK];
  const marked = new Set(
    [...procs.values()].filter((p) => isMarkedOurs(procs, p, runId)).map((p) => p.pid),
  );
  return [...procs.values()]
    .filter((p) => marked.has(p.pid) || ancestors(procs, p.pid).some((a) => marked.has(a)))
    .filter((p) => BENCH_NAMES.test(`${p.comm} ${p.cmd}`))
    .map((p) => ({ pid: p.pid, cmd: p.cmd || p.comm }));
}

/** Every process (any name) whose environment carries APPPASS_BENCH_RUN=`runId`. */
export async function processesOfRun(runId: string): Promise<Array<{ pid: number; cmd: string }>> {
  const procs = await allProcesses();
  return [...procs.values()]
    .filter((p) => p.env.get(RUN_MARK) === runId)
    .map((p) => ({ pid: p.pid, cmd: p.cmd || p.comm }));
}

// Children still alive when this process exits are killed, so a crashed run leaves nothing.
// The 'exit' event does not fire when a vitest worker is killed, so on Linux the child also
// gets PR_SET_PDEATHSIG through util-linux setpriv (exec'd in place: same pid, same name).
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Spawns a marked bench process that dies with this process. */
export function spawnBench(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const [file, argv] =
    process.platform === 'linux'
      ? ['setpriv', ['--pdeathsig', 'KILL', '--', cmd, ...args]]
      : [cmd, args];
  const child = spawn(file, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
    env: benchEnv(opts.env as Record<string, string>),
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
