import { connect, type Socket } from 'node:net';
import { CheckFailure, StepTimeout } from './verdicts.js';

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET']);

/** TCP connect to one address, ended by our own timer (socket.setTimeout does not cover connect). */
export function tcpConnect(address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StepTimeout('tcp'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      const code = err.code ?? 'unknown';
      reject(
        REFUSED.has(code)
          ? new CheckFailure('tcp_refused', `connection refused (${code})`)
          : new CheckFailure('tcp_timeout', `no connection (${code})`, { unreachable: code }),
      );
    });
  });
}
