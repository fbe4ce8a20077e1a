/**
 * The demo without Electron: the built renderer and the built preload served over HTTP, the
 * preload's `ipcRenderer` posting each call to the real main-side handlers (main/app/ipc.ts)
 * and receiving pushed events over server-sent events. Any browser on this machine can open
 * the URL. Calls need the per-run token baked into the served preload and an Origin of this
 * server (no other site can drive the core through a visitor's browser).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSP_HEADER } from '../../protocol/csp.js';
import { eventChannel, type AppPassEvents, type AppPassInvokes } from '../../main/contract.js';
import { DELIVER, mainHandlers, preloadScript } from '../e2e/desktop/preload-host.js';
import { serveRenderer, type RendererServer } from '../e2e/desktop/renderer-server.js';

const PRELOAD_PATH = '/demo-preload.js';
const TOKEN_HEADER = 'x-apppass-demo';
/** The app's policy, except that the page may talk to this server (the demo's IPC). */
const allowSelf = (policy: string) =>
  policy.replace(/connect-src (?:'|&#39;)none(?:'|&#39;)/, "connect-src 'self'");

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 1_000_000) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

type Emit = <K extends keyof AppPassEvents>(name: K, payload: AppPassEvents[K]) => void;

/** Serves the demo; the API gets `emit`, main's webContents.send, to push its events. */
export async function serveDemo(makeApi: (emit: Emit) => AppPassInvokes): Promise<RendererServer> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  const streams = new Set<ServerResponse>();
  const emit: Emit = (name, payload) => {
    const data = JSON.stringify([eventChannel(name), payload]);
    for (const stream of streams) stream.write(`data: ${data}\n\n`);
  };
  const handlers = mainHandlers<IncomingMessage>(
    makeApi(emit),
    (req) => req.headers[TOKEN_HEADER] === token && req.headers.origin === origin,
  );
  const invoke = `(channel, args) => fetch('/ipc/' + encodeURIComponent(channel), {
    method: 'POST',
    headers: { 'content-type': 'application/json', '${TOKEN_HEADER}': '${token}' },
    body: JSON.stringify(args),
  }).then((res) => res.json())`;
  const events = `new EventSource('/ipc/events?token=${token}').onmessage = (m) => {
    const [channel, payload] = JSON.parse(m.data);
    window[${JSON.stringify(DELIVER)}](channel, payload);
  };`;
  const script = await preloadScript(invoke, events);

  function route(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === PRELOAD_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      res.end(script);
      return true;
    }
    if (url.pathname === '/ipc/events') {
      if (url.searchParams.get('token') !== token) return (void res.writeHead(403).end(), true);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return true;
    }
    const handler = url.pathname.startsWith('/ipc/')
      ? handlers.get(decodeURIComponent(url.pathname.slice('/ipc/'.length)))
      : undefined;
    if (!handler || req.method !== 'POST') return false;
    readBody(req)
      .then(async (body) => {
        const args = JSON.parse(body) as unknown;
        const result = await handler(req, ...(Array.isArray(args) ? args : []));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
      })
      .catch(() => res.writeHead(400).end());
    return true;
  }

  const server = await serveRenderer({
    csp: allowSelf(CSP_HEADER),
    indexHtml: (html) =>
      html
        // The meta tag's copy of the policy (quotes HTML-escaped by Vite).
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, allowSelf)
        .replace('</title>', `</title>\n    <script src=".${PRELOAD_PATH}"></script>`),
    route,
  });
  origin = new URL(server.url).origin;
  return {
    ...server,
    async stop() {
      for (const stream of streams) stream.end();
      await server.stop();
    },
  };
}
