import { connect, type Socket } from 'node:net';
import { CheckFailure, StepTimeout } from './verdicts.js';

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET']);

/**
 * TCP connect to one address, ended by our own timer (socket.setTimeout does not cover
 * connect): no answer in time is `tcp_timeout`; a cancelled run (`signal`) ends it at once.
 */
export function tcpConnect(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, noDelay: true });
    const stop = (err: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(err);
    };
    const onAbort = () => stop(new StepTimeout('run'));
    const timer = setTimeout(
      () =>
        stop(new CheckFailure('tcp_timeout', `no answer to the connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'unknown';
      stop(
        REFUSED.has(code)
          ? new CheckFailure('tcp_refused', `connection refused (${code})`)
          : new CheckFailure('tcp_timeout', `no connection (${code})`, { unreachable: code }),
      );
    });
  });
}
