import { z } from 'zod';
import { protocolScope } from './scopes.js';

/** Where the broker serves the discovery document, below its base URL and on the mail domain. */
export const DISCOVERY_PATH = '/.well-known/apppass-configuration';

export const mailSecurity = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof mailSecurity>;

export const hostName = z
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

/** The scopes the broker's discovery document asks the desktop app to request. */
export const SIGN_IN_SCOPES = ['openid', 'email', 'profile', 'offline_access'] as const;

/** The discovery document (`/.well-known/apppass-configuration`), docs/architecture.md. */
export const discoveryDocument = z.object({
  issuer: z.string().url(),
  client_id: z.string().min(1).max(200),
  scopes: z.array(z.string().min(1).max(100)).min(1).max(20),
  broker: z.string().url(),
  protocols: z.array(protocolScope).min(1),
  mail: z
    .object({
      imap: mailEndpoint.optional(),
      smtp: mailEndpoint.optional(),
      pop3: mailEndpoint.optional(),
      sieve: mailEndpoint.optional(),
    })
    .strict(),
  /*
   * Optional, added for issue 8 (documents without them stay valid and keep the earlier
   * behaviour): what the authorization request must carry for this IdP.
   * `audience`: sent as the `audience` parameter (Authelia's explicit requested_audience_mode).
   * `resource`: sent as the RFC 8707 `resource` indicator.
   * `prompt_consent`: send prompt=consent with offline_access (only IdPs that grant
   * offline_access after an explicit consent alone, like oidc-provider). Absent = true, as
   * before; brokers publish it always.
   */
  audience: z.string().min(1).max(200).optional(),
  resource: z.string().url().max(500).optional(),
  prompt_consent: z.boolean().optional(),
  /** Optional (issue 11): the organisation's name, shown while the person signs in. */
  organization: z.string().trim().min(1).max(100).optional(),
  /** Optional (issue 11): base URL of the desktop app's updates (electron-updater, generic). */
  updates: z.string().url().optional(),
});
export type DiscoveryDocument = z.infer<typeof discoveryDocument>;
