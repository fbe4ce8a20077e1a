import { describe, expect, it } from 'vitest';
import {
  isTrustedSender,
  makeHandler,
  toApiError,
  type SenderEvent,
} from '../../../../main/app/ipc.js';
import type { AppPassInvokes } from '../../../../main/contract.js';
import { AppPassError } from '../../../../main/core/errors.js';

const PAGE = 'file:///opt/AppPass/resources/app/renderer/dist/index.html';

/** Just enough of Electron's WebContents/WebFrameMain for the sender check. */
function fakeWindow(url = PAGE) {
  const mainFrame = { url, parent: null as unknown };
  const webContents = { mainFrame };
  return { webContents, mainFrame };
}

const eventFrom = (sender: unknown, senderFrame: unknown) =>
  ({ sender, senderFrame }) as unknown as SenderEvent;

const trustedFor = (w: ReturnType<typeof fakeWindow>) => ({
  webContents: w.webContents as unknown as SenderEvent['sender'],
  pageUrl: PAGE,
});

describe('isTrustedSender', () => {
  const w = fakeWindow();
  const trusted = trustedFor(w);

  it('accepts the main frame of our window on our page (hash ignored)', () => {
    expect(isTrustedSender(eventFrom(w.webContents, w.mainFrame), trusted)).toBe(true);
    const hashed = fakeWindow(`${PAGE}#/list`);
    expect(
      isTrustedSender(eventFrom(hashed.webContents, hashed.mainFrame), trustedFor(hashed)),
    ).toBe(true);
  });

  it('refuses another window, a sub-frame, a missing frame and another URL', () => {
    const other = fakeWindow();
    expect(isTrustedSender(eventFrom(other.webContents, other.mainFrame), trusted)).toBe(false);
    const subFrame = { url: PAGE, parent: w.mainFrame };
    expect(isTrustedSender(eventFrom(w.webContents, subFrame), trusted)).toBe(false);
    expect(isTrustedSender(eventFrom(w.webContents, null), trusted)).toBe(false);
    const navigated = fakeWindow('https://evil.example/index.html');
    expect(
      isTrustedSender(eventFrom(navigated.webContents, navigated.mainFrame), {
        ...trustedFor(navigated),
        pageUrl: PAGE,
      }),
    ).toBe(false);
  });
});

describe('makeHandler', () => {
  const calls: unknown[][] = [];
  const impl = {
    revokePasswords: async (...args: unknown[]) => {
      calls.push(args);
      return { revoked: [1], mayKeepWorkingMinutes: 5 };
    },
    startRotation: async () => {
      throw new Error('token eyJhbGciOi.secret leaked in a library message');
    },
    confirmRotation: async () => {
      throw new AppPassError('broker_conflict', 'failed', { params: { status: 409, said: '' } });
    },
  } as unknown as AppPassInvokes;
  const allow = () => true;

  it('refuses an untrusted sender before looking at the arguments', async () => {
    const handler = makeHandler<object>('revokePasswords', impl, () => false);
    const result = await handler({}, [1]);
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden_sender' }),
    });
    expect(calls).toEqual([]);
  });

  it('validates arguments with the contract schema', async () => {
    const handler = makeHandler<object>('revokePasswords', impl, allow);
    for (const bad of [[], ['1'], [[-1]], ['some'], [[1], 'extra'], [{ ids: [1] }]]) {
      const result = await handler({}, ...bad);
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'invalid_arguments' }),
      });
    }
    expect(calls).toEqual([]);
    expect(await handler({}, 'all')).toEqual({
      ok: true,
      value: { revoked: [1], mayKeepWorkingMinutes: 5 },
    });
    expect(await handler({}, [3, 4])).toMatchObject({ ok: true });
    expect(calls).toEqual([['all'], [[3, 4]]]);
  });

  it('maps errors to { code, params, message } without stack or foreign message', async () => {
    const foreign = await makeHandler<object>('startRotation', impl, allow)({}, 7);
    expect(foreign).toEqual({ ok: false, error: toApiError(new Error('x')) });
    expect(JSON.stringify(foreign)).not.toMatch(/eyJ|secret|stack|at /);
    const ours = await makeHandler<object>('confirmRotation', impl, allow)({}, 7);
    expect(ours).toEqual({
      ok: false,
      error: {
        code: 'broker_conflict',
        params: { status: 409, said: '' },
        message: 'The broker refused the request.',
      },
    });
  });
});
