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
export const SHORT_PROTOCOL_NAMES: Record<string, ProtocolScope> = {
  imap: 'imap_access',
  smtp: 'smtp_access',
  pop3: 'pop3_access',
  sieve: 'sieve_access',
  dav: 'dav_access',
  eas: 'eas_access',
};

export const mailSecurity = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof mailSecurity>;

const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'not a host name');

export const mailEndpoint = z.object({
  host: hostName,
  port: z.number().int().min(1).max(65535),
  security: mailSecurity,
});
export type MailEndpoint = z.infer<typeof mailEndpoint>;

export const MAIL_SERVICES = ['imap', 'smtp', 'pop3', 'sieve'] as const;
export type MailService = (typeof MAIL_SERVICES)[number];

/** The discovery document of ARCHITECTURE.md (`/.well-known/apppass-configuration`). */
export const discoveryDocument = z.object({
  issuer: z.string().url(),
  client_id: z.string().min(1).max(200),
  scopes: z.array(z.string().min(1).max(100)).min(1).max(20),
  broker: z.string().url(),
  protocols: z.array(protocolScope).min(1),
  /** Optional: the organisation's name, shown while the person signs in (not a host name). */
  organization: z.string().trim().min(1).max(100).optional(),
  /** Optional: the base URL of the desktop app's updates (electron-updater generic provider). */
  updates: z.string().url().optional(),
  mail: z
    .object({
      imap: mailEndpoint.optional(),
      smtp: mailEndpoint.optional(),
      pop3: mailEndpoint.optional(),
      sieve: mailEndpoint.optional(),
    })
    .strict(),
});
export type DiscoveryDocument = z.infer<typeof discoveryDocument>;
