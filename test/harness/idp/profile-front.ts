import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import type Provider from 'oidc-provider';
import { userBySub, type IdpUsers } from './accounts.js';
import type { GrantContext, IdpProfile, ProfileSettings, Sign } from './profiles/types.js';

/**
 * Makes the bench's oidc-provider look like one real IdP: the profile's issuer, endpoint paths,
 * discovery metadata, token shapes, userinfo answer and revocation behaviour. oidc-provider
 * still runs the authorization code flow, PKCE, login and consent and keeps refresh tokens;
 * this layer re-issues the access and ID tokens the way the profile's source does.
 */
export class ProfileFront {
  /** Every authorization request the app sent to the profile's endpoint (tests assert on them). */
  readonly authorizationRequests: URLSearchParams[] = [];
  readonly grants = { authorization_code: 0, refresh_token: 0 };
  private readonly pending = new Map<string, { requestedAudience: string[] }>();
  private readonly byRefreshToken = new Map<string, GrantContext>();
  private readonly accessTokens = new Map<string, { c: GrantContext; exp: number }>();

  constructor(
    private readonly profile: IdpProfile,
    private readonly settings: ProfileSettings,
    private readonly users: IdpUsers,
    private readonly sign: Sign,
    private readonly jwks: () => object,
  ) {}

  get issuer(): string {
    return this.profile.issuer(this.settings.origin);
  }

  url(path: keyof IdpProfile['paths']): string {
    return `${this.settings.origin}${this.profile.paths[path]}`;
  }

  metadata(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: this.url('authorization'),
      token_endpoint: this.url('token'),
      userinfo_endpoint: this.url('userinfo'),
      revocation_endpoint: this.url('revocation'),
      jwks_uri: this.url('jwks'),
      ...this.profile.metadata,
    };
  }

  /** Answers the profile's own paths; false for everything oidc-provider serves itself. */
  handle(provider: Provider, req: IncomingMessage, res: ServerResponse): boolean {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const p = this.profile.paths;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const fail = (e: unknown) => json(500, { error: 'server_error', error_description: String(e) });
    if (req.method === 'GET' && path === p.discovery) json(200, this.metadata());
    else if (req.method === 'GET' && path === p.jwks) json(200, this.jwks());
    else if (path === p.authorization) this.authorize(provider, req, res);
    else if (req.method === 'POST' && path === p.token) this.token(req, json).catch(fail);
    else if (path === p.userinfo) this.userinfo(req, json);
    else if (req.method === 'POST' && path === p.revocation) this.revoke(req, json).catch(fail);
    else return false;
    return true;
  }

  private authorize(provider: Provider, req: IncomingMessage, res: ServerResponse): void {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    this.authorizationRequests.push(new URLSearchParams(params));
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!this.profile.redirectUriAllowed(redirectUri)) {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end('<!doctype html><h1>invalid_request</h1><p>Redirect URI not registered.</p>');
      return;
    }
    const requestedAudience = (params.get('audience') ?? '').split(' ').filter(Boolean);
    const refused = this.profile.refusedAudience?.(requestedAudience, this.settings);
    if (refused !== undefined) return this.redirectError(res, params, 'invalid_request');
    const nonce = params.get('nonce');
    if (nonce) this.pending.set(nonce, { requestedAudience });
    const inner = new URLSearchParams(params);
    inner.delete('audience');
    inner.delete('resource');
    // oidc-provider keeps offline_access only with prompt=consent. The profile's own consent
    // behaviour (a page or none) is applied in the interaction handler.
    const scopes = (params.get('scope') ?? '').split(' ');
    const prompts = new Set((params.get('prompt') ?? '').split(' ').filter(Boolean));
    if (scopes.includes('offline_access')) prompts.add('consent');
    if (prompts.size) inner.set('prompt', [...prompts].join(' '));
    req.url = `/auth?${inner.toString()}`;
    this.rewriteIss(res);
    void provider.callback()(req, res);
  }

  /**
   * oidc-provider names its own issuer in the redirect's `iss` (also on the resume request
   * after login); the profile's (or none) it is. Applied to every request the engine answers.
   */
  rewriteIss(res: ServerResponse): void {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() === 'location' && typeof value === 'string') {
        const u = new URL(value, this.settings.origin);
        if (u.origin !== this.settings.origin && u.searchParams.has('iss')) {
          if (this.profile.sendsIss) u.searchParams.set('iss', this.issuer);
          else u.searchParams.delete('iss');
          return setHeader(name, u.toString());
        }
      }
      return setHeader(name, value);
    };
  }

  private redirectError(res: ServerResponse, params: URLSearchParams, error: string): void {
    const to = new URL(params.get('redirect_uri') ?? '');
    to.searchParams.set('error', error);
    to.searchParams.set(
      'error_description',
      'The requested audience is not allowed for this client.',
    );
    const state = params.get('state');
    if (state) to.searchParams.set('state', state);
    if (this.profile.sendsIss) to.searchParams.set('iss', this.issuer);
    res.writeHead(303, { location: to.toString() }).end();
  }

  private async token(
    req: IncomingMessage,
    json: (status: number, body: unknown) => void,
  ): Promise<void> {
    const form = await readForm(req);
    const grant = form.get('grant_type');
    const previous =
      grant === 'refresh_token'
        ? this.byRefreshToken.get(form.get('refresh_token') ?? '')
        : undefined;
    const res = await fetch(`${this.settings.origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) return json(res.status, body);
    const c = grant === 'refresh_token' ? previous : this.codeGrantContext(body);
    if (!c) return json(400, { error: 'invalid_grant' });
    const context: GrantContext = {
      ...c,
      grant: grant === 'refresh_token' ? 'refresh_token' : 'authorization_code',
      scopes: String(body.scope ?? c.scopes.join(' '))
        .split(' ')
        .filter(Boolean),
    };
    if (grant === 'refresh_token') this.grants.refresh_token++;
    else this.grants.authorization_code++;
    const accessToken = await this.profile.accessToken(context, this.settings, this.sign);
    this.accessTokens.set(accessToken, {
      c: context,
      exp: Date.now() + this.settings.accessTokenTtl * 1000,
    });
    const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : undefined;
    if (refreshToken) this.byRefreshToken.set(refreshToken, context);
    json(200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.settings.accessTokenTtl,
      scope: context.scopes.join(' '),
      ...(context.scopes.includes('openid')
        ? { id_token: await this.profile.idToken(context, this.settings, this.sign) }
        : {}),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...this.profile.tokenResponseExtras(context, this.settings),
    });
  }

  private codeGrantContext(body: Record<string, unknown>): GrantContext | undefined {
    if (typeof body.id_token !== 'string') return undefined;
    const inner = decodeJwt(body.id_token);
    const user = userBySub(this.users, String(inner.sub));
    if (!user) return undefined;
    const nonce = typeof inner.nonce === 'string' ? inner.nonce : undefined;
    const pending = nonce ? this.pending.get(nonce) : undefined;
    if (nonce) this.pending.delete(nonce);
    return {
      user,
      clientId: this.settings.clientId,
      scopes: [],
      grant: 'authorization_code',
      nonce,
      requestedAudience: pending?.requestedAudience ?? [],
      authTime:
        typeof inner.auth_time === 'number' ? inner.auth_time : Math.floor(Date.now() / 1000),
      sid: randomBytes(16).toString('hex'),
    };
  }

  private userinfo(
    req: IncomingMessage,
    json: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const m = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    const hit = m?.[1] ? this.accessTokens.get(m[1]) : undefined;
    if (!hit || hit.exp <= Date.now()) {
      return json(
        401,
        { error: 'invalid_token' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    }
    json(200, this.profile.userinfo(hit.c, this.settings));
  }

  private async revoke(
    req: IncomingMessage,
    json: (status: number, body: unknown) => void,
  ): Promise<void> {
    const form = await readForm(req);
    const answer = this.profile.revocation(this.settings);
    if (answer.revokes) {
      const token = form.get('token') ?? '';
      if (this.accessTokens.delete(token)) return json(answer.status, answer.body);
      this.byRefreshToken.delete(token);
      const res = await fetch(`${this.settings.origin}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      await res.body?.cancel();
    }
    json(answer.status, answer.body);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
