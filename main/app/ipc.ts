import type { IpcMainInvokeEvent } from 'electron';
import type { ZodType } from 'zod';
import { errorText } from '../cli/render/errors.js';
import { AppPassError } from '../core/errors.js';
import { invokeArgs, type InvokeName } from '../contract-schemas.js';
import { INVOKE_CHANNELS, invokeChannel, type ApiError, type AppPassInvokes } from '../contract.js';

/** What every handler answers: the preload turns `error` into a rejected promise. */
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** The parts of an invoke event the sender check reads (a fake in unit tests). */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Our window, as the sender check knows it. */
export interface TrustedSender {
  readonly webContents: IpcMainInvokeEvent['sender'];
  /** The file:// URL of our index.html. */
  readonly pageUrl: string;
}

/** True only for the main frame of our window showing our own page (not a sub-frame). */
export function isTrustedSender(event: SenderEvent, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  if (!frame || event.sender !== trusted.webContents) return false;
  if (frame !== trusted.webContents.mainFrame || frame.parent !== null) return false;
  return withoutHash(frame.url) === withoutHash(trusted.pageUrl);
}

function withoutHash(raw: string): string | null {
  try {
    const url = new URL(raw);
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** Maps any failure to what the renderer may see: a code and a sentence, no stack, no cause. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppPassError) {
    return { code: error.code, params: error.params, message: errorText(error) };
  }
  return {
    code: 'internal',
    params: {},
    message: 'Something went wrong inside AppPass. Try again, or restart the app.',
  };
}

const REJECTED_SENDER: ApiError = {
  code: 'forbidden_sender',
  params: {},
  message: 'This request did not come from the AppPass window.',
};
const INVALID_ARGUMENTS: ApiError = {
  code: 'invalid_arguments',
  params: {},
  message: 'The request had invalid values; check what you typed.',
};

/** One handler: sender check, argument validation, call, safe error mapping. */
export function makeHandler<Event = SenderEvent>(
  name: InvokeName,
  impl: AppPassInvokes,
  isTrusted: (event: Event) => boolean,
): (event: Event, ...args: unknown[]) => Promise<IpcResult> {
  const schema: ZodType<unknown[]> = invokeArgs[name];
  const call = impl[name] as (...args: unknown[]) => Promise<unknown>;
  return async (event, ...args) => {
    if (!isTrusted(event)) return { ok: false, error: REJECTED_SENDER };
    const parsed = schema.safeParse(args);
    if (!parsed.success) return { ok: false, error: INVALID_ARGUMENTS };
    try {
      return { ok: true, value: await call.apply(impl, parsed.data) };
    } catch (error) {
      logFailure(name, error);
      return { ok: false, error: toApiError(error) };
    }
  };
}

/** Only the kind of failure is logged: messages of foreign errors may quote secrets. */
function logFailure(name: string, error: unknown): void {
  const kind = error instanceof AppPassError ? error.code : (error as Error | null)?.name;
  console.error(`[apppass] ${name} failed: ${kind ?? 'unknown error'}`);
}

/** What registerInvokes needs of `ipcMain` (a stand-in in the e2e tests and the demo). */
export interface HandlerRegistry<Event> {
  handle(channel: string, listener: (event: Event, ...args: unknown[]) => Promise<IpcResult>): void;
}

/** Registers one handler per contract entry. */
export function registerInvokes<Event = SenderEvent>(
  ipcMain: HandlerRegistry<Event>,
  impl: AppPassInvokes,
  isTrusted: (event: Event) => boolean,
): void {
  for (const name of INVOKE_CHANNELS) {
    ipcMain.handle(invokeChannel(name), makeHandler<Event>(name, impl, isTrusted));
  }
}
