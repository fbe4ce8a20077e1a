import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignInPageCode } from '../../../protocol/messages.js';
import type { AppPassError } from '../errors.js';

/** The one request that reached /callback, held open until the sign-in knows how it ended. */
export interface Callback {
  /** Built from the exact redirect URI we sent (never the Host header). */
  url: URL;
  respond(outcome: { ok: true } | { ok: false; failure: AppPassError }): Promise<void>;
}

/** The words of the page the browser shows after the redirect, in the face's language. */
export interface PageWords {
  readonly lang: string;
  readonly title: string;
  readonly body: string;
  /** "You can close this tab…" */
  readonly close: string;
}

/** The face words the page; `failure` comes with `sign_in_failed`. */
export type PageWording = (code: SignInPageCode, failure?: AppPassError) => PageWords;

/** Without a face's wording the page names only its code (no sentence is built here). */
export const codePage: PageWording = (code, failure) => ({
  lang: 'en',
  title: 'AppPass',
  body: failure?.code ?? code,
  close: '',
});

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

/** A self-contained page: no token, no code, no external resources; every word escaped. */
export function resultPage(words: PageWords): string {
  const [lang, title, body, close] = [words.lang, words.title, words.body, words.close].map(
    escapeHtml,
  );
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;margin:4em auto;max-width:32em;color:#222}</style></head>
<body><h1>${title}</h1><p>${body}</p>${close ? `<p>${close}</p>` : ''}</body></html>`;
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
export async function startLoopback(
  state: string,
  wording: PageWording = codePage,
): Promise<LoopbackListener> {
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
      return void res.writeHead(409, PAGE_HEADERS).end(resultPage(wording('already_answered')));
    }
    taken = true;
    deliver({
      url,
      respond: (outcome) =>
        new Promise<void>((resolve) => {
          const page = outcome.ok
            ? resultPage(wording('signed_in'))
            : resultPage(wording('sign_in_failed', outcome.failure));
          res.writeHead(outcome.ok ? 200 : 400, PAGE_HEADERS).end(page, () => resolve());
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
