import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignInState } from '../../../../main/core/auth/index.js';
import { createVault } from '../../../../main/core/vault/index.js';
import { apppass, startSignedInCli, type CliBench } from './fixture.js';

// Two real `apppass` processes on one data directory and one keychain. Each run redeems the
// stored refresh token at start, and the bench IdP (oidc-provider) rotates refresh tokens and
// treats a second use of a rotated one as a replay: without one writer at a time, the loser's
// invalid_grant used to delete the token the winner had just stored, signing the user out.

let cb: CliBench;
let dataDir: string;
const vault = createVault();

beforeAll(async () => {
  ({ cb, dataDir } = await startSignedInCli());
});
afterAll(async () => {
  await cb?.stop();
});

const storedToken = async () => {
  const state = await readSignInState(dataDir);
  if (!state) throw new Error('no sign-in state');
  return vault.readRefreshToken(state.issuer, state.sub);
};

describe('two apppass commands at once', () => {
  it('both succeed, and the user stays signed in with a live refresh token', async () => {
    const before = await storedToken();
    const runs = await Promise.all(
      [1, 2, 3].map(() => apppass(cb, ['list', '--json'], { dataDir })),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const after = await storedToken();
    expect(after !== null && after !== before).toBe(true);
    // The next command still runs signed in.
    const next = await apppass(cb, ['list', '--json'], { dataDir });
    expect(next.code, next.stderr).toBe(0);
  });
});
