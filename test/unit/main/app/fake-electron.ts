/**
 * Just enough of Electron's main-process API to boot main/app/main.ts in plain Node: every
 * call is recorded so tests can check the wiring (the Electron binary is absent here).
 */
type Listener = (...args: unknown[]) => unknown;

export interface FakeElectron {
  calls: string[];
  appListeners: Map<string, Listener>;
  handlers: Map<string, Listener>;
  windows: Array<{ options: Record<string, unknown>; loaded: string | null }>;
  permissionRequest: Listener | null;
  permissionCheck: Listener | null;
  headersListener: Listener | null;
  opened: string[];
  singleInstance: boolean;
  ready: () => void;
  /** Forget every record and start a new boot (new ready promise). */
  reset(singleInstance: boolean): void;
  module: Record<string, unknown>;
}

export function createFakeElectron(): FakeElectron {
  let resolveReady: () => void = () => undefined;
  let readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const fake: FakeElectron = {
    calls: [],
    appListeners: new Map(),
    handlers: new Map(),
    windows: [],
    permissionRequest: null,
    permissionCheck: null,
    headersListener: null,
    opened: [],
    singleInstance: true,
    ready: () => resolveReady(),
    reset(singleInstance) {
      Object.assign(fake, {
        calls: [],
        appListeners: new Map(),
        handlers: new Map(),
        windows: [],
        permissionRequest: null,
        permissionCheck: null,
        headersListener: null,
        opened: [],
        singleInstance,
      });
      readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
    },
    module: {},
  };
  const app = {
    enableSandbox: () => fake.calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (fake.calls.push('lock'), fake.singleInstance),
    quit: () => fake.calls.push('quit'),
    exit: () => fake.calls.push('exit'),
    on: (name: string, listener: Listener) => void fake.appListeners.set(name, listener),
    whenReady: () => (fake.calls.push('whenReady'), readyPromise),
    getPath: () => '/nonexistent',
    getVersion: () => '0.1.0',
  };
  class BrowserWindow {
    readonly record: { options: Record<string, unknown>; loaded: string | null };
    readonly webContents = { mainFrame: {}, send: () => undefined };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: null };
      fake.windows.push(this.record);
      fake.calls.push('BrowserWindow');
    }
    once() {}
    on() {}
    isDestroyed = () => false;
    async loadFile(path: string) {
      fake.calls.push('loadFile');
      this.record.loaded = path;
    }
  }
  const defaultSession = {
    setPermissionRequestHandler: (h: Listener) => void (fake.permissionRequest = h),
    setPermissionCheckHandler: (h: Listener) => void (fake.permissionCheck = h),
    webRequest: { onHeadersReceived: (l: Listener) => void (fake.headersListener = l) },
  };
  fake.module = {
    app,
    BrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: () => void fake.calls.push('setApplicationMenu'),
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    session: { defaultSession },
    ipcMain: {
      handle: (channel: string, h: Listener) => {
        fake.calls.push(`handle:${channel}`);
        fake.handlers.set(channel, h);
      },
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
    clipboard: { writeText: () => undefined, readText: () => '' },
  };
  return fake;
}
