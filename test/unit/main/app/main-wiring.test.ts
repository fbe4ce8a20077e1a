import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP_HEADER } from '../../../../protocol/csp.js';
import { INVOKE_CHANNELS, invokeChannel } from '../../../../main/contract.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';

// One fake for the file (vi.mock caches its factory's answer); each boot resets its records.
const holder = vi.hoisted(() => ({ fake: null as FakeElectron | null }));
vi.mock('electron', () => (holder.fake = createFakeElectron()).module);
let fake: FakeElectron;

async function boot(singleInstance = true): Promise<void> {
  await import('electron'); // runs the mock factory once, before main's top level
  fake = holder.fake as FakeElectron;
  fake.reset(singleInstance);
  await import('../../../../main/app/main.js');
}

/** Lets main's whenReady() continuation run to the end of onReady. */
async function becomeReady(): Promise<void> {
  fake.ready();
  // main imports the core while the window is created: give that import time.
  await vi.waitFor(() => expect(fake.calls).toContain('loadFile'), { timeout: 20_000 });
}

describe('main/app/main.ts wiring (fake Electron)', () => {
  beforeEach(() => vi.resetModules());

  it('enables the sandbox and takes the single-instance lock before ready', async () => {
    await boot();
    expect(fake.calls.slice(0, 3)).toEqual(['enableSandbox', 'lock', 'whenReady']);
    expect(fake.appListeners.has('second-instance')).toBe(true);
    await becomeReady();
    expect(fake.appListeners.has('will-quit')).toBe(true);
    expect(fake.calls.indexOf('setApplicationMenu')).toBeLessThan(
      fake.calls.indexOf('BrowserWindow'),
    );
  });

  it('quits at once when another instance holds the lock', async () => {
    await boot(false);
    expect(fake.calls).toEqual(['enableSandbox', 'lock', 'quit']);
  });

  it('registers every contract handler before the page loads, in a secure window', async () => {
    await boot();
    await becomeReady();
    const loadAt = fake.calls.indexOf('loadFile');
    for (const name of INVOKE_CHANNELS) {
      const at = fake.calls.indexOf(`handle:${invokeChannel(name)}`);
      expect(at >= 0 && at < loadAt, name).toBe(true);
    }
    const [window] = fake.windows;
    expect(window?.loaded).toMatch(/renderer[\\/]dist[\\/]index\.html$/);
    expect(window?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: expect.stringMatching(/preload\.cjs$/),
    });
  });

  it('refuses IPC from anything but our window', async () => {
    await boot();
    await becomeReady();
    const handler = fake.handlers.get(invokeChannel('session'));
    const stranger = { sender: { mainFrame: {} }, senderFrame: { url: 'https://evil.example/' } };
    expect(await handler?.(stranger)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('denies permissions and adds the CSP header to every response', async () => {
    await boot();
    await becomeReady();
    const answers: boolean[] = [];
    fake.permissionRequest?.({}, 'media', (ok: boolean) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(fake.permissionCheck?.({}, 'clipboard-read')).toBe(false);
    let headers: Record<string, string[]> = {};
    fake.headersListener?.({ responseHeaders: { 'X-A': ['1'] } }, (r: typeof headers) => {
      headers = (r as unknown as { responseHeaders: typeof headers }).responseHeaders;
    });
    expect(headers).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CSP_HEADER] });
  });

  it('blocks navigation and pop-ups; only http(s) links reach the system browser', async () => {
    await boot();
    await becomeReady();
    const events = new Map<string, (...a: unknown[]) => void>();
    let openHandler: (d: { url: string }) => unknown = () => undefined;
    const contents = {
      on: (name: string, l: (...a: unknown[]) => void) => void events.set(name, l),
      setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
    };
    fake.appListeners.get('web-contents-created')?.({}, contents);
    const prevented: string[] = [];
    const event = (what: string) => ({ preventDefault: () => prevented.push(what) });
    events.get('will-navigate')?.(event('nav-https'), 'https://help.example.com/a');
    events.get('will-navigate')?.(event('nav-file'), 'file:///etc/passwd');
    events.get('will-attach-webview')?.(event('webview'));
    expect(openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(prevented).toEqual(['nav-https', 'nav-file', 'webview']);
    expect(fake.opened).toEqual(['https://help.example.com/a', 'https://docs.example.com/']);
  });
});
