/**
 * Where the desktop app looks for updates: the `updates` URL of the discovery document the
 * person signed in with, else of the document an administrator provisioned on the device.
 * None: updates are off (nothing is asked of any server).
 */
import { readSignInState } from '../auth/index.js';
import { defaultSystemFiles, readDocumentFile } from '../discovery/document.js';

export async function updateFeedUrl(
  dataDir: string,
  o: { systemFiles?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<string | null> {
  const signedIn = await readSignInState(dataDir).catch(() => null);
  if (signedIn?.profile.updates) return signedIn.profile.updates;
  for (const file of o.systemFiles ?? defaultSystemFiles(process.platform, o.env)) {
    const answer = await readDocumentFile(file, o.env);
    if (answer.doc?.updates) return answer.doc.updates;
  }
  return null;
}
