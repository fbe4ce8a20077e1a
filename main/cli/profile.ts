import type { DiscoveryDocument } from '../../protocol/discovery.js';
import { profileFor as findProfile } from '../core/account/session.js';
import type { CliContext } from './command.js';
import { progress } from './output.js';

/**
 * The server profile for signing in: the --config document (discover() asks nothing else then,
 * and refuses an invalid one), else discovery for `email`.
 */
export async function profileFor(email: string, ctx: CliContext): Promise<DiscoveryDocument> {
  if (!ctx.config) progress(ctx)(`Looking up the sign-in settings for ${email}…`);
  return findProfile(email, { env: ctx.env, ...(ctx.config ? { config: ctx.config } : {}) });
}
