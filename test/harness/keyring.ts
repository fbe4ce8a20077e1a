import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnBench, stopProcess } from './processes.js';

const run = promisify(execFile);

export interface Keyring {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus */
  address: string;
  /** environment for child processes (secret-tool, the CLI): the bus address and nothing secret */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The keyring password: test-only, the keyring lives in a temp dir deleted at stop(). */
export const KEYRING_PASSWORD = 'apppass-bench-keyring';

// A bus with no service directories, so nothing (gnome-keyring included) is auto-activated.
function busConfig(dir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`;
}

async function startBus(dir: string) {
  await writeFile(join(dir, 'bus.conf'), busConfig(dir));
  const bus = spawnBench('dbus-daemon', [
    `--config-file=${join(dir, 'bus.conf')}`,
    '--nofork',
    '--print-address=1',
  ]);
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    bus.once('error', reject);
    bus.once('exit', (code) =>
      reject(new Error(`dbus-daemon exited (${code}) before printing its address`)),
    );
  });
  return { bus, address };
}

async function secretsServiceUp(address: string): Promise<boolean> {
  const { stdout } = await run(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address } },
  );
  return stdout.includes('boolean true');
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

/**
 * A private D-Bus session with NO Secret Service on it: for "missing keychain" tests.
 */
export async function startBareDbus(): Promise<Keyring> {
  const dir = await mkdtemp(join(tmpdir(), 'apppass-dbus-'));
  const { bus, address } = await startBus(dir);
  return {
    address,
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    stop: async () => {
      await stopProcess(bus);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A keyring whose login collection can be locked and unlocked again (tests of "locked"). */
export interface LockableKeyring extends Keyring {
  /**
   * Locks the login collection: org.freedesktop.Secret.Service.Lock of the freedesktop Secret
   * Service API, which gnome-keyring implements in daemon/dbus/gkd-secret-service.c (a screen
   * lock does the same). Reads of a locked item then fail; a lookup of a missing one does not.
   */
  lock(): Promise<void>;
  /** Unlocks it with KEYRING_PASSWORD: the daemon is started again on the same keyring files. */
  unlock(): Promise<void>;
}

/**
 * A private dbus-daemon + gnome-keyring-daemon (secrets component), its login keyring created
 * and unlocked with KEYRING_PASSWORD; it is the default collection, so Secret Service writes work.
 */
export async function startKeyring(): Promise<LockableKeyring> {
  const dir = await mkdtemp(join(tmpdir(), 'apppass-keyring-'));
  const { bus, address } = await startBus(dir);
  const home = join(dir, 'home');
  // Unlocking through D-Bus (Service.Unlock) needs a prompt nobody can answer here; the daemon's
  // `--unlock` reads the login password from stdin (gnome-keyring-daemon(1)), so unlock restarts it.
  const startDaemon = () => {
    const daemon = spawnBench(
      'gnome-keyring-daemon',
      ['--foreground', '--components=secrets', '--unlock'],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
        env: {
          HOME: home,
          XDG_DATA_HOME: join(home, '.local', 'share'),
          XDG_RUNTIME_DIR: dir,
          DBUS_SESSION_BUS_ADDRESS: address,
        },
      },
    );
    daemon.stdin?.end(KEYRING_PASSWORD);
    return daemon;
  };
  let daemon = startDaemon();
  const env = { DBUS_SESSION_BUS_ADDRESS: address };
  const stop = async () => {
    await stopProcess(daemon);
    await stopProcess(bus);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => secretsServiceUp(address), 'gnome-keyring-daemon');
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    address,
    env,
    stop,
    async lock() {
      await run(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.secrets',
          '/org/freedesktop/secrets',
          'org.freedesktop.Secret.Service.Lock',
          'array:objpath:/org/freedesktop/secrets/collection/login',
        ],
        { env: { ...process.env, ...env } },
      );
    },
    async unlock() {
      await stopProcess(daemon);
      await waitFor(async () => !(await secretsServiceUp(address)), 'the keyring to stop');
      daemon = startDaemon();
      await waitFor(() => secretsServiceUp(address), 'gnome-keyring-daemon');
    },
  };
}
