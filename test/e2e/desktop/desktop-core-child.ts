// The real desktop core in a process of its own: the keyring library reads
// DBUS_SESSION_BUS_ADDRESS once per process, so a bus without Secret Service needs a fresh one.
// Usage (fork with an IPC channel): desktop-core-child.ts <dataDir> <discovery.json>
// In: { id, name, args }. Out: { id, ok, value | error }, { open: url }, { emit: [name, payload] },
// { clipboard: text }. The vault is the default one: createVault(), service "apppass".
import type { AppPassInvokes } from '../../../main/contract.js';
import { createDesktopApi } from '../../../main/desktop/api.js';
import { AppPassError } from '../../../main/core/errors.js';

const [dataDir = '', config = ''] = process.argv.slice(2);
const send = (message: unknown) => process.send?.(message);
const clipboard: string[] = [];

const api = createDesktopApi({
  dataDir,
  discovery: { config },
  env: process.env,
  clipboard: {
    writeText: (text) => {
      clipboard.push(text);
      send({ clipboard: text });
    },
    readText: () => clipboard.at(-1) ?? '',
  },
  emit: (name, payload) => send({ emit: [name, payload] }),
  chooseSavePath: async () => null,
  openInBrowser: async (url) => void send({ open: url }),
});

interface Call {
  id: number;
  name: keyof AppPassInvokes;
  args: unknown[];
}

process.on('message', (call: Call) => {
  const method = api[call.name] as (...args: unknown[]) => Promise<unknown>;
  method.apply(api, call.args).then(
    (value) => send({ id: call.id, ok: true, value }),
    (error: unknown) =>
      send({
        id: call.id,
        ok: false,
        error:
          error instanceof AppPassError
            ? { code: error.code, params: error.params, kind: error.kind }
            : { code: 'internal', params: {}, kind: 'failed' },
      }),
  );
});
process.on('disconnect', () => {
  api.shutdown();
  process.exit(0);
});
