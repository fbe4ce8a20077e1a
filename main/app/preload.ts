/**
 * The sandboxed preload: exposes `window.apppass` and nothing else. Bundled to CommonJS
 * (dist/main/app/preload.cjs), because a sandboxed preload can only require('electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  INVOKE_CHANNELS,
  eventChannel,
  invokeChannel,
  type AppPassApi,
  type DoctorEvent,
} from '../contract.js';
import type { IpcResult } from './ipc.js';

function invoker(name: (typeof INVOKE_CHANNELS)[number]) {
  return async (...args: unknown[]): Promise<unknown> => {
    const result = (await ipcRenderer.invoke(invokeChannel(name), ...args)) as IpcResult;
    // A plain { code, message } object survives the context bridge intact; an Error would not.
    if (!result.ok) return Promise.reject(result.error);
    return result.value;
  };
}

function onDoctorEvent(listener: (event: DoctorEvent) => void): () => void {
  const channel = eventChannel('doctor');
  const handler = (_event: unknown, payload: DoctorEvent): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const api = {
  ...Object.fromEntries(INVOKE_CHANNELS.map((name) => [name, invoker(name)])),
  onDoctorEvent,
} as AppPassApi;

contextBridge.exposeInMainWorld('apppass', api);
