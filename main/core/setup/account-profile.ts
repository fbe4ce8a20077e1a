import { chmod, writeFile } from 'node:fs/promises';
import type { Account } from '../account/account.js';
import { AppPassError } from '../errors.js';
import { mobileconfig, type MobileconfigText } from './mobileconfig.js';

/**
 * The Apple Mail / iOS profile of this account: its mail servers from the discovery profile,
 * its name from the broker. `password` only when the person asked for it in the file.
 */
export function accountMobileconfig(a: Account, text: MobileconfigText, password?: string): string {
  const { mail, organization } = a.state.profile;
  if (!mail.imap || !mail.smtp)
    throw new AppPassError('no_mail_server', 'failed', { params: { mailbox: a.mailbox } });
  return mobileconfig({
    text,
    email: a.mailbox,
    displayName: a.me?.name || null,
    organization: organization ?? null,
    imap: mail.imap,
    smtp: mail.smtp,
    ...(password === undefined ? {} : { password }),
  });
}

/** The file name offered for it: `example.org mail.mobileconfig`. */
export const mobileconfigFileName = (mailbox: string): string =>
  `${mailbox.slice(mailbox.lastIndexOf('@') + 1)} mail.mobileconfig`;

/** Writes a profile: it may hold the password, so its owner alone reads it (an old file too). */
export async function writeMobileconfig(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}
