import type { ServerSetting } from '../contract.js';
import type { MailEndpoint } from '../../protocol/discovery.js';
import { serviceOfScope, type MailService, type ProtocolScope } from '../../protocol/scopes.js';

/** The exact server settings a mail client needs for a password with these scopes. */
export function serverSettings(
  mail: Partial<Record<MailService, MailEndpoint>>,
  protocols: readonly ProtocolScope[],
  username: string,
): ServerSetting[] {
  const settings: ServerSetting[] = [];
  for (const scope of protocols) {
    const service = serviceOfScope(scope);
    const endpoint = service && mail[service];
    if (service && endpoint) settings.push({ service, ...endpoint, username });
  }
  return settings;
}
