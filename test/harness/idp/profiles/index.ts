import { authentik } from './authentik.js';
import { autheliaJwt, autheliaOpaque } from './authelia.js';
import { keycloak, keycloak24 } from './keycloak.js';
import type { IdpProfile, IdpProfileName } from './types.js';

export { IDP_PROFILES, type IdpProfileName } from './types.js';

const PROFILES: Record<Exclude<IdpProfileName, 'oidc-provider'>, IdpProfile> = {
  authentik,
  keycloak,
  keycloak24,
  'authelia-opaque': autheliaOpaque,
  'authelia-jwt': autheliaJwt,
};

export function profileNamed(name: Exclude<IdpProfileName, 'oidc-provider'>): IdpProfile {
  return PROFILES[name];
}

/** The real IdPs' profiles (every profile but today's default bench). */
export const REAL_IDP_PROFILES = Object.keys(PROFILES) as Exclude<
  IdpProfileName,
  'oidc-provider'
>[];
