import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { ConfigError } from './config.js';

/** One audit record: who did what to which app password, from where, and how it ended. */
export interface AuditRecord {
  sub: string | null;
  mailbox: string | null;
  /** `create_rolled_back`: a password a failed create may have left was removed (or not: `failed`). */
  action:
    | 'create'
    | 'create_rolled_back'
    | 'delete'
    | 'list'
    | 'me'
    | 'request'
    | 'helpdesk_lookup'
    | 'helpdesk_revoke'
    | 'helpdesk_revoke_all'
    | 'helpdesk_bans'
    | 'helpdesk_unban';
  id: number | null;
  name: string | null;
  ip: string;
  outcome: 'ok' | 'replayed' | 'refused' | 'failed';
  status: number;
  /** The problem code when refused or failed. */
  reason?: string;
  /** Helpdesk actions: the member's email (`sub` is theirs too). */
  actor?: string;
  /** Helpdesk actions: the mailbox or address acted on. */
  subject?: string;
  /** Helpdesk revoke-all / unban: the ids or networks affected. */
  affected?: Array<number | string>;
}

/**
 * JSON lines to APPPASS_AUDIT_LOG (appended) or stdout. Records carry only the fields above:
 * never a token, a password or the API key.
 */
export class AuditLog {
  private readonly stream: WriteStream | null;

  /** Opens the file at once, so an unwritable APPPASS_AUDIT_LOG stops the start (exit 2). */
  constructor(path: string | null, log: (line: string) => void) {
    if (!path) {
      this.stream = null;
      return;
    }
    let fd: number;
    try {
      fd = openSync(path, 'a', 0o600);
    } catch (e) {
      throw new ConfigError(
        `APPPASS_AUDIT_LOG: cannot open ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    this.stream = createWriteStream('', { fd });
    this.stream.on('error', (e: NodeJS.ErrnoException) =>
      log(`cannot write the audit log: ${e.code ?? e.message}`),
    );
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
