import { Agent, request } from 'undici';
import { MailcowError } from './errors.js';
import { serverWords } from './words.js';

export interface MailcowClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** One line for the operator (never carries the key). */
  log: (line: string) => void;
  /** PEM of the CA mailcow's certificate chains to (a self-signed or private one). */
  ca?: string | null;
  /** Called after every call that went out: its duration and how it ended. */
  observe?: (method: 'GET' | 'POST', seconds: number, outcome: string) => void;
}

const READ_RETRY_DELAYS_MS = [100, 400];
const AUTH_BACKOFF_FIRST_MS = 30_000;
const AUTH_BACKOFF_MAX_MS = 10 * 60_000;
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The only place that talks HTTP to mailcow. No cookie jar (an API-key request opens an admin
 * PHP session whose cookie must never be replayed), the key only in the X-API-Key header, reads
 * retried on transient failures, writes never retried, and after a 401 every call is refused
 * locally for a growing pause so a wrong key can never reach mailcow's 10-failures ban.
 */
export class MailcowClient {
  private readonly agent: Agent;
  private authFailures = 0;
  private blockedUntil = 0;
  /** Calls that actually went out (for tests and the bench). */
  calls = 0;

  constructor(private readonly o: MailcowClientOptions) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connections: 64,
      ...(o.ca ? { connect: { ca: o.ca } } : {}),
    });
  }

  /** GET /api/v1/<path>; retried on connection errors, 5xx and garbled answers. */
  async read(path: string, timeoutMs = this.o.timeoutMs): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once('GET', path, undefined, timeoutMs);
      } catch (e) {
        const retryable =
          e instanceof MailcowError && (e.failure === 'unreachable' || e.failure === 'bad_answer');
        const delay = READ_RETRY_DELAYS_MS[attempt];
        if (!retryable || delay === undefined) throw e;
        await sleep(delay + Math.floor(Math.random() * delay));
      }
    }
  }

  /**
   * POST /api/v1/<path> with a JSON body; never retried (mailcow's add is not idempotent).
   * `secrets`: what the body carries that mailcow's words must not bring back (a password).
   */
  write(path: string, body: unknown, secrets: readonly string[] = []): Promise<unknown> {
    return this.once('POST', path, JSON.stringify(body), this.o.timeoutMs, secrets);
  }

  /** mailcow's words without the key or any of `secrets`, cut to `max` characters. */
  words(text: string, max: number, secrets: readonly string[] = []): string {
    return serverWords(text, [this.o.apiKey, ...secrets], max);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private checkAuthPause(): void {
    if (Date.now() < this.blockedUntil) {
      throw new MailcowError(
        'auth',
        'mailcow refused the API key recently; waiting before trying again',
      );
    }
  }

  private noteAuthFailure(): void {
    this.authFailures++;
    const pause = Math.min(
      AUTH_BACKOFF_FIRST_MS * 2 ** (this.authFailures - 1),
      AUTH_BACKOFF_MAX_MS,
    );
    this.blockedUntil = Date.now() + pause;
    this.o.log(
      `mailcow refused the API key (HTTP 401): check APPPASS_MAILCOW_API_KEY and the key's allowed IPs; pausing mailcow calls for ${pause / 1000} s`,
    );
  }

  private async once(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    timeoutMs: number,
    secrets: readonly string[] = [],
  ): Promise<unknown> {
    this.checkAuthPause();
    this.calls++;
    if (!this.o.observe) return this.send(method, path, body, timeoutMs, secrets);
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const out = await this.send(method, path, body, timeoutMs, secrets);
      this.o.observe(method, seconds(), 'ok');
      return out;
    } catch (e) {
      this.o.observe(method, seconds(), e instanceof MailcowError ? e.failure : 'error');
      throw e;
    }
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    timeoutMs: number,
    secrets: readonly string[],
  ): Promise<unknown> {
    let status: number;
    let text: string;
    try {
      const res = await request(`${this.o.baseUrl}/api/v1/${path}`, {
        method,
        dispatcher: this.agent,
        // undici's own timers (cheaper than an AbortSignal per call); each phase gets the budget
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        headers: {
          'X-API-Key': this.o.apiKey,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body,
      });
      status = res.statusCode;
      text = await readCapped(res.body);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'connection failed';
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        throw new MailcowError('timeout', `no answer within ${timeoutMs} ms`);
      }
      throw new MailcowError('unreachable', code);
    }
    return this.interpret(status, text, secrets);
  }

  private interpret(status: number, text: string, secrets: readonly string[]): unknown {
    if (status === 401) {
      this.noteAuthFailure();
      throw new MailcowError('auth', 'mailcow refused the API key');
    }
    this.authFailures = 0;
    if (text.trim() === '') throw new MailcowError('bad_answer', `empty answer (HTTP ${status})`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MailcowError('bad_answer', `an answer that is not JSON (HTTP ${status})`);
    }
    if (status >= 500) throw new MailcowError('bad_answer', `HTTP ${status}`);
    if (status !== 200)
      throw new MailcowError(
        'refused',
        `HTTP ${status} ${this.words(errorMessage(json), 120, secrets)}`.trim(),
      );
    return json;
  }
}

function errorMessage(json: unknown): string {
  const msg =
    json && typeof json === 'object' && 'msg' in json ? (json as { msg: unknown }).msg : undefined;
  return typeof msg === 'string' ? msg : '';
}

async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) throw new Error('answer too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
