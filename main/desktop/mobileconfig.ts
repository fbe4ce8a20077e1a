import { MOBILECONFIG_TEXT_EN } from '../cli/render/mobileconfig.js';
import type { Account } from '../core/account/account.js';
import type { MobileconfigText } from '../core/setup/mobileconfig.js';
import {
  accountMobileconfig,
  mobileconfigFileName,
  writeMobileconfig,
} from '../core/setup/account-profile.js';

/** Asks where to save a file (a save dialog); null when the person cancelled. */
export type ChooseSavePath = (defaultName: string) => Promise<string | null>;

/** Writes the Apple Mail / iOS profile of this account where the person chose. */
export async function saveMobileconfig(
  a: Account,
  password: string | undefined,
  choose: ChooseSavePath,
  wording: MobileconfigText = MOBILECONFIG_TEXT_EN,
): Promise<{ path: string | null }> {
  const text = accountMobileconfig(a, wording, password);
  const path = await choose(mobileconfigFileName(a.mailbox));
  if (path === null) return { path: null };
  await writeMobileconfig(path, text);
  return { path };
}
