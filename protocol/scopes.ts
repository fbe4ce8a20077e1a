import { z } from 'zod';

/** mailcow's protocol scope names, as the broker and mailcow's API use them. */
export const PROTOCOL_SCOPES = [
  'imap_access',
  'smtp_access',
  'pop3_access',
  'sieve_access',
  'dav_access',
  'eas_access',
] as const;
export const protocolScope = z.enum(PROTOCOL_SCOPES);
export type ProtocolScope = z.infer<typeof protocolScope>;

/** Command-line short names (`imap`, `smtp`, ...) -> scopes. */
export const SHORT_PROTOCOL_NAMES: Readonly<Record<string, ProtocolScope>> = {
  imap: 'imap_access',
  smtp: 'smtp_access',
  pop3: 'pop3_access',
  sieve: 'sieve_access',
  dav: 'dav_access',
  eas: 'eas_access',
};

/** The mail services a discovery document can describe and the doctor can check. */
export const MAIL_SERVICES = ['imap', 'smtp', 'pop3', 'sieve'] as const;
export type MailService = (typeof MAIL_SERVICES)[number];

/** The app-password scope a login to each service needs. */
export const SERVICE_SCOPE: Readonly<Record<MailService, ProtocolScope>> = {
  imap: 'imap_access',
  smtp: 'smtp_access',
  pop3: 'pop3_access',
  sieve: 'sieve_access',
};

/** The mail service a scope opens, if it opens one (`dav_access` and `eas_access` do not). */
export function serviceOfScope(scope: ProtocolScope): MailService | undefined {
  return MAIL_SERVICES.find((service) => SERVICE_SCOPE[service] === scope);
}
