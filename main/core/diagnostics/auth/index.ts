import type { MailService } from '../../../../protocol/scopes.js';
import { imapLogin } from './imap.js';
import { pop3Login } from './pop3.js';
import { sieveLogin } from './sieve.js';
import { smtpLogin } from './smtp.js';
import type { Authenticate } from './types.js';

export const AUTHENTICATORS: Record<MailService, Authenticate> = {
  imap: imapLogin,
  smtp: smtpLogin,
  pop3: pop3Login,
  sieve: sieveLogin,
};
