import { writeFile } from 'node:fs/promises';
import type { Account } from '../core/account/account.js';
import { AppPassError } from '../core/errors.js';
import { mobileconfig } from '../core/setup/mobileconfig.js';

/** Asks where to save a file (a save dialog); null when the person cancelled. */
export type ChooseSavePath = (defaultName: string) => Promise<string | null>;

/**
 * Writes the Apple Mail / iOS profile for this account where the person chose. `password`
 * only when they asked for it in the profile; the file is then readable by its owner only.
 */
export async function saveMobileconfig(
  a: Account,
  password: string | undefined,
  choose: ChooseSavePath,
): Promise<{ path: string | null }> {
  const { mail, organization } = a.state.profile;
  if (!mail.imap || !mail.smtp)
    throw new AppPassError('no_mail_server', 'failed', { params: { mailbox: a.mailbox } });
  const text = mobileconfig({
    email: a.mailbox,
    displayName: a.me?.name || null,
    organization: organization ?? null,
    imap: mail.imap,
    smtp: mail.smtp,
    ...(password === undefined ? {} : { password }),
  });
  const domain = a.mailbox.slice(a.mailbox.lastIndexOf('@') + 1);
  const path = await choose(`${domain} mail.mobileconfig`);
  if (path === null) return { path: null };
  await writeFile(path, text, { mode: 0o600 });
  return { path };
}
