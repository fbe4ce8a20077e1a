import { createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/** Signs `claims` (default: a real token's claims) with a key the IdP never published. */
export async function forgeWithForeignKey(realToken: string, kid = 'foreign-kid'): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(decodeJwt(realToken))
    .setProtectedHeader({ alg: 'RS256', typ: typOf(realToken), kid })
    .sign(privateKey);
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The real token's header `typ` (at+jwt, JWT...), so only the forgery itself is refused. */
function typOf(realToken: string): string {
  return decodeProtectedHeader(realToken).typ ?? 'JWT';
}

/** The classic `alg: none` token: the real claims, no signature. */
export function unsigned(realToken: string): string {
  return `${b64({ alg: 'none', typ: typOf(realToken) })}.${b64(decodeJwt(realToken))}.`;
}

/** HS256 "signed" with the IdP's public JWKS as the secret (the RS/HS confusion attack). */
export async function hs256WithJwks(realToken: string, jwks: object): Promise<string> {
  const { kid } = decodeProtectedHeader(realToken);
  return new SignJWT(decodeJwt(realToken) as JWTPayload)
    .setProtectedHeader({ alg: 'HS256', typ: typOf(realToken), ...(kid ? { kid } : {}) })
    .sign(new TextEncoder().encode(JSON.stringify(jwks)));
}

/** HS256 keyed with the IdP's public key in PEM, the secret a naive HMAC verifier would use. */
export async function hs256WithPublicKeyPem(realToken: string, jwk: object): Promise<string> {
  const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  const { kid } = decodeProtectedHeader(realToken);
  return new SignJWT(decodeJwt(realToken) as JWTPayload)
    .setProtectedHeader({ alg: 'HS256', typ: typOf(realToken), ...(kid ? { kid } : {}) })
    .sign(new TextEncoder().encode(String(pem)));
}

/**
 * A second "issuer" that republishes the real IdP's keys: tokens from the real IdP then carry a
 * valid signature but the wrong `iss` for a broker configured with this one.
 */
export async function startLookalikeIssuer(
  realIssuer: string,
): Promise<{ issuer: string; stop(): Promise<void> }> {
  const real = (await (
    await fetch(`${realIssuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)
  ).json()) as Record<string, unknown>;
  let issuer = '';
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ...real, issuer }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
