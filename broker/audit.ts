import { createWriteStream, type WriteStream } from 'node:fs';

/** One audit record: who did what to which app password, from where, and how it ended. */
export interface AuditRecord {
  sub: string | null;
  mailbox: string | null;
  action: 'create' | 'delete' | 'list' | 'me' | 'request';
  id: number | null;
  name: string | null;
  ip: string;
  outcome: 'ok' | 'replayed' | 'refused' | 'failed';
  status: number;
  /** The problem code when refused or failed. */
  reason?: string;
}

/**
 * JSON lines to APPPASS_AUDIT_LOG (appended) or stdout. Records carry only the fields above:
 * never a token, a password or the API key.
 */
export class AuditLog {
  private readonly stream: WriteStream | null;

  constructor(path: string | null) {
    this.stream = path ? createWriteStream(path, { flags: 'a', mode: 0o600 }) : null;
  }

  write(r: AuditRecord): void {
    const line = `${JSON.stringify({ time: new Date().toISOString(), ...r })}\n`;
    if (this.stream) this.stream.write(line);
    else process.stdout.write(line);
  }

  close(): Promise<void> {
    const s = this.stream;
    return s ? new Promise((resolve) => s.end(resolve)) : Promise.resolve();
  }
}
