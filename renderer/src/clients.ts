import type { ClientKind, ProtocolScope } from '../../main/contract.js';

export const CLIENTS: readonly ClientKind[] = [
  'thunderbird',
  'outlook',
  'apple-mail',
  'phone',
  'other',
];

/** What each mail client needs: all of them read with IMAP and send with SMTP. */
const NEEDS: Record<ClientKind, readonly ProtocolScope[]> = {
  thunderbird: ['imap_access', 'smtp_access'],
  outlook: ['imap_access', 'smtp_access'],
  'apple-mail': ['imap_access', 'smtp_access'],
  phone: ['imap_access', 'smtp_access'],
  other: ['imap_access', 'smtp_access'],
};

/** The client's protocols, limited to what the organisation lets this user grant. */
export function defaultProtocols(
  client: ClientKind,
  allowed: readonly ProtocolScope[],
): ProtocolScope[] {
  return NEEDS[client].filter((scope) => allowed.includes(scope));
}
