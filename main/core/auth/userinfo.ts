import * as client from 'openid-client';
import { z } from 'zod';
import type { Session } from './types.js';

const EmailClaim = z.object({ email: z.string().min(3).includes('@') });

/**
 * The email from the userinfo endpoint, for IdPs that keep it out of the ID token (Authelia
 * since 4.39, oidc-provider by default). The answer must be for the same `sub`. Any failure
 * (no endpoint, refused token, other subject) gives undefined: callers fall back to the
 * address the person typed.
 */
export async function emailFromUserInfo(
  config: client.Configuration,
  session: Pick<Session, 'accessToken' | 'sub'>,
): Promise<string | undefined> {
  if (!config.serverMetadata().userinfo_endpoint) return undefined;
  try {
    const info = await client.fetchUserInfo(config, session.accessToken, session.sub);
    const parsed = EmailClaim.safeParse(info);
    return parsed.success ? parsed.data.email : undefined;
  } catch {
    return undefined;
  }
}
