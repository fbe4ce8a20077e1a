import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ReadBudget } from './read-budget.js';
import { CheckFailure, StepTimeout } from './verdicts.js';

type Waiter = {
  done: (lines: string[]) => boolean;
  resolve: (lines: string[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
};

const MAX_LINE = 16_384;

/**
 * A line-oriented view of a mail protocol socket: send a command, wait until the reply is
 * complete, with a deadline per exchange. It never logs what it sends or reads.
 */
export class LineConn {
  private pending = '';
  private lines: string[] = [];
  private waiter: Waiter | undefined;
  private failure: Error | undefined;
  /** The connection's budget, shared with whoever reads it after us (nodemailer for SMTP). */
  readonly budget = new ReadBudget();
  private readonly onData = (chunk: Buffer) => this.push(chunk.toString('latin1'));
  private readonly onError = (err: Error) => this.fail(err);
  private readonly onClose = () =>
    this.fail(new CheckFailure('protocol_error', 'the server closed the connection'));

  constructor(public socket: Socket | TLSSocket) {
    this.attach();
  }

  /** Wait (up to timeoutMs) until `done` says the collected reply lines are complete. */
  read(done: (lines: string[]) => boolean, timeoutMs: number, step: string): Promise<string[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new StepTimeout(step));
      }, timeoutMs);
      this.waiter = { done, resolve, reject, timer };
      this.check();
    });
  }

  /** Send one command line and wait for its complete reply. */
  command(
    line: string,
    done: (l: string[]) => boolean,
    timeoutMs: number,
    step: string,
  ): Promise<string[]> {
    this.write(line);
    return this.read(done, timeoutMs, step);
  }

  write(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** Bytes received but not consumed (after STARTTLS they would be an injection). */
  hasUnread(): boolean {
    return this.lines.length > 0 || this.pending.length > 0;
  }

  /** Stop reading; the socket can then be upgraded to TLS or handed to a library. */
  detach(): Socket | TLSSocket {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
    this.socket.pause();
    return this.socket;
  }

  /** Continue on a new socket (the TLS layer after STARTTLS). */
  replaceSocket(socket: TLSSocket): void {
    this.detach();
    this.socket = socket;
    this.failure = undefined;
    this.attach();
  }

  /**
   * Give the socket to a client library that expects to read the server's greeting first:
   * `replay` is pushed back so the library reads it as if it had just arrived.
   */
  handOver(replay: string): Socket | TLSSocket {
    const socket = this.detach();
    socket.unshift(Buffer.from(replay, 'latin1'));
    return socket;
  }

  close(): void {
    this.detach();
    this.socket.on('error', () => undefined);
    this.socket.destroy();
  }

  private attach(): void {
    this.socket.on('data', this.onData);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onClose);
    this.socket.resume();
  }

  private push(text: string): void {
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    const spent = this.budget.spend(text.length, parts.length);
    if (spent) {
      this.fail(spent);
      this.close(); // stop reading: nothing the server says now can change the verdict
      return;
    }
    for (const line of parts) this.lines.push(line.replace(/\r$/, ''));
    if (this.pending.length > MAX_LINE) {
      this.fail(new CheckFailure('protocol_error', 'the server sent an over-long line'));
      return;
    }
    this.check();
  }

  private check(): void {
    const w = this.waiter;
    if (!w || !w.done(this.lines)) return;
    const lines = this.lines;
    this.lines = [];
    this.waiter = undefined;
    clearTimeout(w.timer);
    w.resolve(lines);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const w = this.waiter;
    if (!w) return;
    this.waiter = undefined;
    clearTimeout(w.timer);
    w.reject(this.failure);
  }
}
