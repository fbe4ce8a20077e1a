import { discover } from '../core/discovery/discover.js';
import {
  fetchDocument,
  readDocumentFile,
  type DocumentAnswer,
} from '../core/discovery/document.js';
import type { DiscoveryDocument } from '../core/discovery/profile.js';
import { AppPassError } from '../core/errors.js';
import { createHttpFetch } from '../core/net/http.js';
import { assertSecureUrl } from '../core/net/insecure.js';
import type { CliContext } from './command.js';
import { progress } from './output.js';

/** `--config <file|url>`: the document to use instead of discovering one. */
async function fromConfig(config: string, env: NodeJS.ProcessEnv): Promise<DocumentAnswer> {
  if (!/^[a-z]+:\/\//i.test(config)) return readDocumentFile(config, env);
  assertSecureUrl(config, 'The --config', env);
  return fetchDocument(config, {
    fetch: createHttpFetch({ env }),
    signal: AbortSignal.timeout(5000),
    env,
  });
}

/** The server profile for signing in: the --config document, else discovery for `email`. */
export async function profileFor(email: string, ctx: CliContext): Promise<DiscoveryDocument> {
  if (ctx.config) {
    const answer = await fromConfig(ctx.config, ctx.env);
    if (answer.doc) return answer.doc;
    throw new AppPassError('invalid_config', `--config ${ctx.config}: ${answer.detail}.`, 'usage');
  }
  progress(ctx)(`Looking up the sign-in settings for ${email}…`);
  const result = await discover(email, { env: ctx.env });
  if (result.profile) return result.profile;
  const why = result.sources.map((s) => `${s.source}: ${s.detail}`).join('; ');
  throw new AppPassError(
    'no_profile',
    `No AppPass configuration found for ${email} (${why}); ask your mail admin for a --config file.`,
    'usage',
  );
}
