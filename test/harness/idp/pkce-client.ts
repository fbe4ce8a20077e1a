import { createHash, randomBytes } from 'node:crypto';

/** A PKCE authorization request like the desktop app makes (S256, state, nonce, loopback). */
export function authorizationRequest(
  issuer: string,
  clientId: string,
  redirectUri: string,
  extra: Record<string, string> = {},
  endpoint = new URL('/auth', issuer).toString(),
) {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email profile offline_access',
    prompt: 'consent',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return { url: url.toString(), verifier, state, redirectUri };
}

/** The token request of a public client: the code plus its PKCE verifier, no secret. */
export async function redeemCode(
  issuer: string,
  clientId: string,
  code: string,
  redirectUri: string,
  verifier: string,
  endpoint = new URL('/token', issuer).toString(),
) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
