import { describe, expect, it } from 'vitest';
import { accessTokenFamily } from '../../../../broker/auth/token-kind.js';

const client = 'apppass-desktop';

describe('accessTokenFamily', () => {
  it('knows each IdP family by the claims only its access tokens carry', () => {
    expect(accessTokenFamily('at+jwt', { aud: [], client_id: client })).toBe('rfc9068');
    expect(accessTokenFamily('application/at+jwt', { aud: 'api' })).toBe('rfc9068');
    // authentik: the ID token's payload, nonce included, plus azp and uid
    expect(accessTokenFamily('JWT', { aud: client, azp: client, uid: 'x', nonce: 'n' })).toBe(
      'authentik',
    );
    // Keycloak <= 24 puts the nonce into access tokens too
    expect(
      accessTokenFamily('JWT', { aud: 'account', azp: client, typ: 'Bearer', nonce: 'n' }),
    ).toBe('keycloak');
    expect(accessTokenFamily(undefined, { aud: 'api', client_id: client })).toBe('generic');
  });

  it('refuses ID tokens and other JWTs of every family', () => {
    // authentik ID token (code grant, then refresh)
    expect(accessTokenFamily('JWT', { aud: client, nonce: 'n', sid: 's' })).toBeNull();
    expect(accessTokenFamily('JWT', { aud: client, sid: 's' })).toBeNull();
    // Keycloak ID, refresh and logout tokens
    for (const typ of ['ID', 'Refresh', 'Offline', 'Logout'])
      expect(accessTokenFamily('JWT', { aud: client, azp: client, typ })).toBeNull();
    // Authelia ID token: azp, nonce, at_hash, header typ JWT
    expect(accessTokenFamily('JWT', { aud: [client], azp: client, at_hash: 'h' })).toBeNull();
    expect(accessTokenFamily('JWT', { aud: [client], azp: client, nonce: 'n' })).toBeNull();
    expect(accessTokenFamily('logout+jwt', { aud: 'api', client_id: client })).toBeNull();
    expect(accessTokenFamily(undefined, { aud: [client] })).toBeNull();
  });
});
