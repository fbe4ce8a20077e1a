import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The one request that reached /callback, held open until the sign-in knows how it ended. */
export interface Callback {
  /** Built from the exact redirect URI we sent (never the Host header). */
  url: URL;
  respond(outcome: { ok: boolean; message: string }): Promise<void>;
}

export interface LoopbackListener {
  redirectUri: string;
  port: number;
  /** Resolves with the first request to /callback that carries this sign-in's state. */
  callback: Promise<Callback>;
  /** Stops listening and drops every connection; safe to call twice. */
  close(): Promise<void>;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  connection: 'close',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained page: no token, no code, no external resources. */
export function resultPage(ok: boolean, message: string): string {
  const title = ok ? 'Signed in to AppPass' : 'AppPass sign-in failed';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;margin:4em auto;max-width:32em;color:#222}</style></head>
<body><h1>${title}</h1><p>${escapeHtml(message)}</p><p>You can close this tab and return to AppPass.</p></body></html>`;
}

// Says nothing about the sign-in: the request may not come from its browser at all.
const NOT_FOUND_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>Not found</title></head><body><p>Not found.</p></body></html>';

function sameState(got: string | null, expected: string): boolean {
  if (got === null) return false;
  const a = Buffer.from(got);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * RFC 8252 loopback redirect: binds 127.0.0.1 on an OS-chosen port, for one sign-in only.
 * Only GET /callback carrying `state` (ours) is served. Anything else, a stranger's callback
 * included, is 404 and changes nothing: any local process can reach this port, so only the
 * state proves that a request comes from the browser we sent to the IdP.
 */
export async function startLoopback(state: string): Promise<LoopbackListener> {
  let deliver: (c: Callback) => void = () => undefined;
  const callback = new Promise<Callback>((resolve) => (deliver = resolve));
  let taken = false;
  let redirectUri = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Origin-form only ("/callback?..."): an absolute or "//host" target is no browser's.
    const target = req.url ?? '';
    const url = new URL(
      target.startsWith('/') && !target.startsWith('//') ? target : '/',
      redirectUri,
    );
    const ours =
      req.method === 'GET' &&
      url.pathname === '/callback' &&
      sameState(url.searchParams.get('state'), state);
    if (!ours) {
      return void res.writeHead(404, PAGE_HEADERS).end(NOT_FOUND_PAGE);
    }
    if (taken) {
      const msg = 'This sign-in has already received its answer.';
      return void res.writeHead(409, PAGE_HEADERS).end(resultPage(false, msg));
    }
    taken = true;
    deliver({
      url,
      respond: ({ ok, message }) =>
        new Promise<void>((resolve) => {
          res.writeHead(ok ? 200 : 400, PAGE_HEADERS).end(resultPage(ok, message), () => resolve());
        }),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  redirectUri = `http://127.0.0.1:${port}/callback`;
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { redirectUri, port, callback, close };
}
