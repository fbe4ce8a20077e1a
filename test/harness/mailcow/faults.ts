import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Fault {
  kind: 'html' | 'empty' | 'slow' | 'status' | 'danger';
  /** 'slow': how long to wait before answering normally (default 5000 ms). */
  delayMs?: number;
  /** 'status': the HTTP status (default 500). */
  status?: number;
  /** Only requests whose path starts with this (default: every request). */
  pathPrefix?: string;
  /** How many matching requests misbehave (default: all until cleared). */
  times?: number;
  /** 'danger': the msg of the danger entry (default 'access_denied'). */
  msg?: string;
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>mailcow UI</title></head><body><h1>Login</h1></body></html>';

/** Holds the current fault; `apply` answers the request itself or says "carry on". */
export class FaultInjector {
  private fault: Fault | null = null;
  private left = Infinity;

  set(f: Fault | null): void {
    this.fault = f;
    this.left = f?.times ?? Infinity;
  }

  /** Returns true when the request has been answered by the fault. */
  async apply(path: string, res: ServerResponse): Promise<boolean> {
    const f = this.fault;
    if (!f || this.left <= 0 || !path.startsWith(f.pathPrefix ?? '')) return false;
    this.left -= 1;
    switch (f.kind) {
      case 'slow':
        await sleep(f.delayMs ?? 5000);
        return false;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE);
        return true;
      case 'empty':
        res.writeHead(200, { 'content-type': 'application/json' }).end();
        return true;
      case 'status':
        res
          .writeHead(f.status ?? 500, { 'content-type': 'text/html' })
          .end(`<html><body><h1>${f.status ?? 500}</h1></body></html>`);
        return true;
      case 'danger':
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify([{ type: 'danger', log: [], msg: f.msg ?? 'access_denied' }]));
        return true;
    }
  }
}
