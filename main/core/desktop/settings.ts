import type { ServerSetting } from '../../contract.js';
import type { MailEndpoint, MailService, ProtocolScope } from '../discovery/profile.js';

const SERVICE_OF: Partial<Record<ProtocolScope, MailService>> = {
  imap_access: 'imap',
  smtp_access: 'smtp',
  pop3_access: 'pop3',
  sieve_access: 'sieve',
};

/** The exact server settings a mail client needs for a password with these scopes. */
export function serverSettings(
  mail: Partial<Record<MailService, MailEndpoint>>,
  protocols: readonly ProtocolScope[],
  username: string,
): ServerSetting[] {
  const settings: ServerSetting[] = [];
  for (const scope of protocols) {
    const service = SERVICE_OF[scope];
    const endpoint = service && mail[service];
    if (service && endpoint) settings.push({ service, ...endpoint, username });
  }
  return settings;
}
