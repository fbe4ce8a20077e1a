import { protocolScope, type ProtocolScope } from '../../../protocol/scopes.js';
import type { PasswordIndex } from '../vault/index.js';

/**
 * A stored app password's scopes from the device's non-secret index, for runDoctor's `scopes`;
 * undefined when the index does not know the password (every service is then tried).
 */
export async function indexedScopes(
  index: Pick<PasswordIndex, 'list'>,
  mailbox: string,
  id: number,
): Promise<ProtocolScope[] | undefined> {
  const entry = (await index.list(mailbox)).find((e) => e.id === id);
  return entry?.protocols.flatMap((p) => {
    const scope = protocolScope.safeParse(p);
    return scope.success ? [scope.data] : [];
  });
}
