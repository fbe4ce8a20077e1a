import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { discoveryDocument } from '../../../protocol/discovery.js';
import { writeFileAtomic } from '../vault/index.js';

/**
 * Who is signed in, between runs of the app and of `apppass` (both read one file, so both see
 * one sign-in). Non-secret: the refresh token itself lives only
 * in the keychain (`refresh:<issuer>#<sub>`); this file says where to look for it.
 */
export const signInState = z.object({
  issuer: z.string().url(),
  clientId: z.string().min(1),
  sub: z.string().min(1),
  email: z.string().min(1),
  /** The mailbox the broker acts on (its /v1/me at sign-in). */
  mailbox: z.string().min(1),
  broker: z.string().url(),
  /** The discovery document used at sign-in (mail endpoints for rotation checks). */
  profile: discoveryDocument,
  signedInAt: z.string(),
});
export type SignInState = z.infer<typeof signInState>;

const STATE_FILE = 'session.json';

export async function readSignInState(dataDir: string): Promise<SignInState | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, STATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return signInState.parse(JSON.parse(text));
  } catch {
    return null; // a damaged file is as good as signed out; `apppass login` rewrites it
  }
}

export async function writeSignInState(dataDir: string, state: SignInState): Promise<void> {
  await writeFileAtomic(join(dataDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export async function clearSignInState(dataDir: string): Promise<void> {
  await rm(join(dataDir, STATE_FILE), { force: true });
}
