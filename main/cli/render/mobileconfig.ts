import type { MobileconfigText } from '../../core/setup/mobileconfig.js';

/** The profile's words in English, as mailcow's own mobileconfig.php writes them. */
export const MOBILECONFIG_TEXT_EN: MobileconfigText = {
  accountDescription: 'Configures email account.',
  accountTitle: 'IMAP Account',
  profileDescription: 'IMAP',
  profileDescriptionWithPassword: 'IMAP with application password',
};
