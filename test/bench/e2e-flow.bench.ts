// `apppass login` -> `create` -> `list` end to end against the test bench: real IdP (login and
// consent pages over HTTP), broker in front of the mailcow emulator, gnome-keyring, each command
// a fresh `node --import tsx main/cli/bin.ts` process. Prints per-step and total times.
// Run: npx tsx test/bench/e2e-flow.bench.ts [rounds]
// With APPPASS_CLI_BIN=dist/main/cli/bin.js (after `npm run build:node`) it times the built CLI.
import { startKeyring } from '../harness/keyring.js';
import {
  apppass,
  login,
  newDataDir,
  startCliBench,
  type CliRun,
} from '../integration/main/cli/fixture.js';

const rounds = Number(process.argv[2] ?? 5);

function must(step: string, r: CliRun): void {
  if (r.code !== 0)
    throw new Error(`${step} exited ${String(r.code)}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
}

async function timed(step: string, run: () => Promise<CliRun>): Promise<number> {
  const t0 = performance.now();
  must(step, await run());
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[]) =>
  `median ${Math.round(median(xs))} ms, min ${Math.round(Math.min(...xs))} ms`;

const keyring = await startKeyring();
process.env.DBUS_SESSION_BUS_ADDRESS = keyring.address;
const cb = await startCliBench();
try {
  const times = {
    start: [] as number[],
    login: [] as number[],
    create: [] as number[],
    list: [] as number[],
    total: [] as number[],
  };
  for (let i = 0; i < rounds; i++) {
    const dataDir = await newDataDir();
    times.start.push(await timed('help', () => apppass(cb, ['--help'], { dataDir })));
    const login_ = await timed('login', () => login(cb, cb.bench.idp.users.alice, { dataDir }));
    const create = await timed('create', () =>
      apppass(cb, ['create', '--name', `bench ${i}`, '--protocols', 'imap,smtp', '--json'], {
        dataDir,
      }),
    );
    const list = await timed('list', () => apppass(cb, ['list', '--json'], { dataDir }));
    times.login.push(login_);
    times.create.push(create);
    times.list.push(list);
    times.total.push(login_ + create + list);
  }
  const how = process.env.APPPASS_CLI_BIN
    ? `built ${process.env.APPPASS_CLI_BIN}`
    : 'tsx from source';
  console.log(`apppass end to end, ${rounds} rounds (each command a new Node process, ${how}):`);
  console.log(`  process start (--help)  ${fmt(times.start)}`);
  console.log(`  login (IdP over HTTP)   ${fmt(times.login)}`);
  console.log(`  create                  ${fmt(times.create)}`);
  console.log(`  list                    ${fmt(times.list)}`);
  console.log(`  login+create+list       ${fmt(times.total)}`);
} finally {
  await cb.stop();
  await keyring.stop();
}
