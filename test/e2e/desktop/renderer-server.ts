import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CSP_HEADER } from '../../../protocol/csp.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER = join(ROOT, 'renderer');
const VITE_BIN = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const run = promisify(execFile);
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

const LOCK = join(tmpdir(), 'apppass-renderer-build.lock');

/** Test files run in parallel: one build at a time (a lock left by a killed run expires). */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) await rm(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function isFresh(): Promise<boolean> {
  const index = join(RENDERER_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs > (await newestSource(RENDERER));
}

/** Builds renderer/dist (as `npm run build:renderer` does) when it is missing or stale. */
export async function ensureRendererBuilt(): Promise<void> {
  if (await isFresh()) return;
  await withBuildLock(async () => {
    if (await isFresh()) return;
    // Outside vitest's NODE_ENV=test, which would make Vite emit React's development build.
    const env = { ...process.env };
    delete env.NODE_ENV;
    await run(process.execPath, [VITE_BIN, 'build', '--config', 'renderer/vite.config.ts'], {
      cwd: ROOT,
      env,
    });
  });
}

export interface RendererServer {
  readonly url: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** The Content-Security-Policy header; default the app's own. */
  csp?: string;
  /** Rewrites index.html before it is served (the demo adds its preload script). */
  indexHtml?: (html: string) => string;
  /** Answers a request itself and returns true, or returns false for the static files. */
  route?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Serves the built renderer on 127.0.0.1 with the app's CSP header, as main does. */
export async function serveRenderer(o: ServeOptions = {}): Promise<RendererServer> {
  const server: Server = createServer((req, res) => {
    if (o.route?.(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(RENDERER_DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIST + sep)) return void res.writeHead(404).end();
    const isIndex = file === join(RENDERER_DIST, 'index.html');
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': o.csp ?? CSP_HEADER,
          'Cache-Control': 'no-store',
        });
        res.end(isIndex && o.indexHtml ? o.indexHtml(body.toString('utf8')) : body);
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
