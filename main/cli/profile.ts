import { discover } from '../core/discovery/discover.js';
import type { DiscoveryDocument } from '../../protocol/discovery.js';
import { AppPassError } from '../core/errors.js';
import type { CliContext } from './command.js';
import { progress } from './output.js';

/**
 * The server profile for signing in: the --config document (discover() asks nothing else then,
 * and refuses an invalid one), else discovery for `email`.
 */
export async function profileFor(email: string, ctx: CliContext): Promise<DiscoveryDocument> {
  if (!ctx.config) progress(ctx)(`Looking up the sign-in settings for ${email}…`);
  const result = await discover(email, {
    env: ctx.env,
    ...(ctx.config ? { config: ctx.config } : {}),
  });
  if (result.profile) return result.profile;
  const why = result.sources.map((s) => `${s.source}: ${s.detail}`).join('; ');
  throw new AppPassError(
    'no_profile',
    `No AppPass configuration found for ${email} (${why}); ask your mail admin for a --config file.`,
    'usage',
  );
}
