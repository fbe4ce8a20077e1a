import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A PKCE authorization request like the desktop app makes (S256, state, nonce, loopback). */
export function authorizationRequest(
  issuer: string,
  clientId: string,
  redirectUri: string,
  extra: Record<string, string> = {},
) {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL('/auth', issuer);
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

export async function redeemCode(
  issuer: string,
  clientId: string,
  code: string,
  redirectUri: string,
  verifier: string,
) {
  const res = await fetch(new URL('/token', issuer), {
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

/** A loopback listener like the desktop app's: records the callback query, answers a plain page. */
export async function startLoopbackListener(): Promise<{
  redirectUri: string;
  received: Promise<URL>;
  stop(): Promise<void>;
}> {
  let resolve!: (u: URL) => void;
  const received = new Promise<URL>((r) => (resolve = r));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><h1>Signed in to AppPass</h1>');
    resolve(url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    received,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
