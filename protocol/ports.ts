import type { MailSecurity } from './discovery.js';
import type { MailService } from './scopes.js';

export interface DefaultPort {
  readonly service: MailService;
  readonly port: number;
  readonly security: MailSecurity;
}

/** Every port a mailcow server opens for mail clients (diagnostics-notes §1.1). */
export const MAILCOW_PORTS: readonly DefaultPort[] = [
  { service: 'imap', port: 993, security: 'tls' },
  { service: 'imap', port: 143, security: 'starttls' },
  { service: 'smtp', port: 465, security: 'tls' },
  { service: 'smtp', port: 587, security: 'starttls' },
  { service: 'pop3', port: 995, security: 'tls' },
  { service: 'pop3', port: 110, security: 'starttls' },
  { service: 'sieve', port: 4190, security: 'starttls' },
];

/**
 * The one port per service that is advertised when nothing else is known (the broker's
 * discovery document, an MX-only discovery): implicit TLS where mailcow has it.
 */
export const ADVERTISED_PORTS: Readonly<Record<MailService, DefaultPort>> = {
  imap: { service: 'imap', port: 993, security: 'tls' },
  smtp: { service: 'smtp', port: 465, security: 'tls' },
  pop3: { service: 'pop3', port: 995, security: 'tls' },
  sieve: { service: 'sieve', port: 4190, security: 'starttls' },
};
