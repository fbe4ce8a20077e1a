import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mailcowAuth } from './mailcow-auth.js';
import type { Store } from './store.js';

export interface AuthRequest {
  username: string;
  service: string;
  success: boolean;
}

/** The whole request body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** mailcow's nginx server on port 9082 in front of mailcowauth.php (see mailcow/mailcow-auth.ts). */
export async function startAuthEndpoint(
  store: Store,
  log: AuthRequest[],
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const answer = mailcowAuth(store, body.toString('utf8'));
        const post = safeJson(body.toString('utf8'));
        log.push({
          username: String(post.username ?? ''),
          service: String(post.service ?? ''),
          success: answer.status === 200,
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
