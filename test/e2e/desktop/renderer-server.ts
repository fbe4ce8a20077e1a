import { existsSync, statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CSP_HEADER } from '../../../main/app/csp.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER = join(ROOT, 'renderer');
export const RENDERER_DIST = join(RENDERER, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.startsWith(RENDERER_DIST)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Builds renderer/dist (as `npm run build:renderer` does) when it is missing or stale. */
export async function ensureRendererBuilt(): Promise<void> {
  const index = join(RENDERER_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > (await newestSource(RENDERER))) return;
  await build({ configFile: join(RENDERER, 'vite.config.ts'), logLevel: 'warn' });
}

export interface RendererServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves the built renderer on 127.0.0.1 with the app's CSP header, as main does. */
export async function serveRenderer(): Promise<RendererServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(RENDERER_DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIST + sep)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CSP_HEADER,
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
