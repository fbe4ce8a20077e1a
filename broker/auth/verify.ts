import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import type { BrokerConfig } from '../config.js';
import { Problem, invalidToken } from '../http/problem.js';
import { IssuerConfigError, IssuerError, type IssuerDiscovery } from './issuer.js';
import { accessTokenFamily, type AccessTokenFamily } from './token-kind.js';
import { UserinfoClient, idpUnavailable } from './userinfo.js';

/** The claims the broker acts on, from a verified token (or the IdP's userinfo). */
export interface VerifiedClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  /** Which IdP family the token's shape shows; `opaque` for tokens checked at userinfo. */
  family: AccessTokenFamily | 'opaque';
}

/** APPPASS_ISSUER does not match what the IdP publishes: the admin must fix the broker. */
export const issuerMisconfigured = (e: IssuerConfigError): Problem =>
  new Problem(500, 'issuer_mismatch', 'Broker misconfigured', `${e.message}.`);

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function jwtFailure(e: unknown): Error {
  if (e instanceof errors.JWTExpired)
    return invalidToken('The access token has expired; sign in again.');
  if (e instanceof errors.JWTClaimValidationFailed)
    return invalidToken(`The access token's "${e.claim}" claim is not accepted here.`);
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid || e instanceof TypeError)
    return idpUnavailable();
  return invalidToken('The access token could not be verified.');
}

/** Verifies bearer tokens: JWTs against the issuer's JWKS, opaque tokens at userinfo. */
export class TokenVerifier {
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
  readonly userinfo = new UserinfoClient();
  jwksFetches = 0;

  constructor(
    private readonly config: BrokerConfig,
    readonly issuer: IssuerDiscovery,
  ) {}

  async verify(token: string): Promise<VerifiedClaims> {
    const meta = await this.issuer.get().catch((e: unknown) => {
      if (e instanceof IssuerConfigError) throw issuerMisconfigured(e);
      throw e instanceof IssuerError ? idpUnavailable() : e;
    });
    if (!JWT_SHAPE.test(token)) {
      if (!meta.userinfoEndpoint)
        throw invalidToken(
          'The access token is not a JWT and the issuer has no userinfo endpoint.',
        );
      return { ...(await this.userinfo.claims(meta.userinfoEndpoint, token)), family: 'opaque' };
    }
    const claims = await this.verifyJwt(token, meta.algorithms, meta.jwksUri);
    if (claims.email === undefined && meta.userinfoEndpoint) {
      // Some IdPs (Authelia's JWT mode) keep profile claims out of the access token.
      // A userinfo endpoint that refuses JWTs meant for an API just means: no email to act on.
      const info = await this.userinfo.claims(meta.userinfoEndpoint, token).catch((e: unknown) => {
        if (e instanceof Problem && e.status === 401) return null;
        throw e;
      });
      if (!info) return claims;
      if (info.sub !== claims.sub)
        throw invalidToken('The identity provider answered for another subject.');
      return { ...info, ...claims, email: info.email, email_verified: info.email_verified };
    }
    return claims;
  }

  private async verifyJwt(
    token: string,
    algorithms: string[],
    jwksUri: URL,
  ): Promise<VerifiedClaims> {
    let typ: string | undefined;
    let unverified: JWTPayload;
    try {
      typ = decodeProtectedHeader(token).typ;
      unverified = decodeJwt(token);
    } catch {
      throw invalidToken('The access token is not a well-formed JWT.');
    }
    const family = accessTokenFamily(typ, unverified);
    if (!family) throw invalidToken('This is an ID token; send the access token instead.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(jwksUri), {
        issuer: this.config.issuer,
        ...(this.config.audience ? { audience: this.config.audience } : {}),
        algorithms,
        clockTolerance: 60,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      throw jwtFailure(e);
    }
    for (const claim of ['azp', 'client_id'] as const) {
      if (payload[claim] !== undefined && payload[claim] !== this.config.clientId) {
        throw invalidToken(`The access token was issued to another client ("${claim}").`);
      }
    }
    return { ...(payload as Omit<VerifiedClaims, 'family'>), family };
  }

  private keySet(jwksUri: URL): ReturnType<typeof createRemoteJWKSet> {
    this.jwks ??= createRemoteJWKSet(jwksUri, {
      cooldownDuration: this.config.jwksCooldownSeconds * 1000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5000,
      [customFetch]: (url, init) => {
        this.jwksFetches++;
        return fetch(url, init);
      },
    });
    return this.jwks;
  }
}
