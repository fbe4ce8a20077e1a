import { chmod, mkdir, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppPasswordRow, Scope, Store } from './store.js';

// Dovecot passdb files written from the emulator's state. A passwd-file honours only the
// first line per user, so app password i of a mailbox goes to slot file i; Dovecot chains
// one passwd-file passdb per slot (see dovecot.ts). One directory per Dovecot service name
// (`%s` in the passdb path), so an app password authenticates only where its scope allows.

/** How many app passwords per mailbox (and service) Dovecot can see. */
export const PASSDB_SLOTS = 32;

/** Dovecot 2.3 auth service name -> the mailcow scope that grants it. */
export const SERVICE_SCOPES: Record<string, Scope> = {
  imap: 'imap_access',
  pop3: 'pop3_access',
  submission: 'smtp_access',
  sieve: 'sieve_access',
};

export function slotFile(dir: string, service: string, slot: number): string {
  return join(dir, service, `slot-${String(slot).padStart(2, '0')}.passwd`);
}

function loginRows(store: Store, scope: Scope): Map<string, AppPasswordRow[]> {
  const byUser = new Map<string, AppPasswordRow[]>();
  for (const row of [...store.appPasswords].sort((a, b) => a.id - b.id)) {
    const mailbox = store.mailboxDetails(row.mailbox);
    // apppass_login(): mailbox active = 1, app password active = 1, scope = 1
    if (mailbox?.active !== 1 || row.active !== 1 || row[scope] !== 1) continue;
    byUser.set(row.mailbox, [...(byUser.get(row.mailbox) ?? []), row]);
  }
  return byUser;
}

/**
 * Dovecot's passwd-file driver stats its file at most once per second of its clock
 * (`last_sync_time == ioloop_time` skips the stat), so a login in the same second as an
 * earlier lookup can miss a change. A change is therefore visible from the next whole second.
 */
export function dovecotSeesChangeAt(writtenAtMs: number): number {
  return (Math.floor(writtenAtMs / 1000) + 1) * 1000 + 20;
}

/** Writes only files whose content changed: temp file + rename, mtime strictly increasing. */
export class PassdbWriter {
  private readonly written = new Map<string, { content: string; stamp: number }>();
  private lastWriteMs = 0;

  constructor(readonly dir: string) {}

  /** Rewrites the files; resolves with the time from which Dovecot sees the current state. */
  async sync(store: Store): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    await chmod(this.dir, 0o755); // Dovecot's auth process runs as user dovecot
    for (const [service, scope] of Object.entries(SERVICE_SCOPES)) {
      await mkdir(join(this.dir, service), { recursive: true, mode: 0o755 });
      const byUser = loginRows(store, scope);
      for (let slot = 0; slot < PASSDB_SLOTS; slot++) {
        const lines = [...byUser].flatMap(([user, rows]) => {
          const row = rows[slot];
          return row ? [`${user}:${row.password}\n`] : [];
        });
        await this.write(slotFile(this.dir, service, slot), lines.join(''));
      }
    }
    return dovecotSeesChangeAt(this.lastWriteMs);
  }

  private async write(file: string, content: string): Promise<void> {
    const previous = this.written.get(file);
    if (previous?.content === content) return;
    const tmp = `${file}.tmp`;
    await writeFile(tmp, content, { mode: 0o644 });
    await chmod(tmp, 0o644);
    // Dovecot notices a changed passwd-file by mtime (seconds) and size; a same-size rewrite
    // within the same second would go unnoticed, so every write gets a later mtime.
    const stamp = Math.max(Math.floor(Date.now() / 1000), (previous?.stamp ?? 0) + 1);
    await utimes(tmp, stamp, stamp);
    await rename(tmp, file);
    this.lastWriteMs = Date.now();
    this.written.set(file, { content, stamp });
  }
}
