import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Fault {
  kind: 'html' | 'empty' | 'slow' | 'status' | 'danger' | 'reset';
  /** 'slow': how long to wait before answering normally (default 5000 ms). */
  delayMs?: number;
  /** 'status': the HTTP status (default 500). */
  status?: number;
  /** Only requests whose path starts with this (default: every request). */
  pathPrefix?: string;
  /** How many matching requests misbehave (default: all until cleared). */
  times?: number;
  /**
   * 'danger': the msg of the danger entry (default 'access_denied'; the array shape is
   * json_api.php's session message list, see ../shared/mailcow-api.md). 'status': with a msg, the
   * answer is mailcow's JSON error instead of an HTML page: `{"type":"error","msg":...}` as
   * data/web/json_api.php writes it for 404/405 and a body that is not JSON (`:69-77`, `:338-344`).
   * A function builds the msg from the request, to echo what the caller sent (its key, a password).
   * Real mailcow does not echo them (functions.app_passwd.inc.php:5-7 masks app_passwd as "*"); the
   * echo stands for a proxy or a patched mailcow in front that does, the case scrubbing is for.
   */
  msg?: string | ((req: FaultRequest) => string);
  /**
   * Carry the request out first, then lose its answer (the fault replaces it; 'slow' delays it).
   * Models a write that mailcow performed although the caller never learned so.
   */
  after?: boolean;
}

/** What a fault may echo of the request it answers. */
export interface FaultRequest {
  apiKey: string;
  body: string;
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>mailcow UI</title></head><body><h1>Login</h1></body></html>';

/** Holds the current faults (the first matching one with uses left applies). */
export class FaultInjector {
  private faults: { fault: Fault; left: number }[] = [];

  set(f: Fault | Fault[] | null): void {
    this.faults = (f === null ? [] : Array.isArray(f) ? f : [f]).map((fault) => ({
      fault,
      left: fault.times ?? Infinity,
    }));
  }

  /** The fault this request meets, if any (uses one of its `times`). */
  take(path: string): Fault | null {
    const slot = this.faults.find((s) => s.left > 0 && path.startsWith(s.fault.pathPrefix ?? ''));
    if (!slot) return null;
    slot.left -= 1;
    return slot.fault;
  }

  /** Answers the request with the fault; false for 'slow' (wait done, answer normally). */
  async answer(
    f: Fault,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<boolean> {
    const apiKey = req.headers['x-api-key'];
    const msg =
      typeof f.msg === 'function'
        ? f.msg({ apiKey: typeof apiKey === 'string' ? apiKey : '', body: body.toString('utf8') })
        : f.msg;
    switch (f.kind) {
      case 'slow':
        await sleep(f.delayMs ?? 5000);
        return false;
      case 'reset':
        res.socket?.destroy();
        return true;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE);
        return true;
      case 'empty':
        res.writeHead(200, { 'content-type': 'application/json' }).end();
        return true;
      case 'status':
        if (msg !== undefined) {
          res
            .writeHead(f.status ?? 500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ type: 'error', msg }));
          return true;
        }
        res
          .writeHead(f.status ?? 500, { 'content-type': 'text/html' })
          .end(`<html><body><h1>${f.status ?? 500}</h1></body></html>`);
        return true;
      case 'danger':
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify([{ type: 'danger', log: [], msg: msg ?? 'access_denied' }]));
        return true;
    }
  }
}
