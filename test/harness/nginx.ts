import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { spawnBench, stopProcess } from './processes.js';

/** Debian's nginx (nginx-light), in the foreground with a generated prefix and config. */
export interface Nginx {
  url: string;
  process: ChildProcess;
  alive(): boolean;
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The parts of mailcow's default server block that decide what happens around a
 * `site.*.custom` file (mailcow-dockerized `data/conf/nginx/templates/sites-default.conf.j2`):
 * its `location /` (here a stand-in answering 200), the custom files included after mailcow's
 * own locations, then the server-wide `error_page 502 @awaitingupstream` (an HTML page) and the
 * regex locations that refuse `\.php$` and `\.twig$` — which would win over a plain prefix
 * location. `set_real_ip_from` / `real_ip_header X-Forwarded-For` / `real_ip_recursive on`
 * are mailcow's too (private ranges).
 */
export function mailcowServerBlock(listen: string, customFile: string): string {
  return `
  server {
    listen ${listen};
    set_real_ip_from 10.0.0.0/8;
    set_real_ip_from 172.16.0.0/12;
    set_real_ip_from 192.168.0.0/16;
    real_ip_header X-Forwarded-For;
    real_ip_recursive on;
    location / {
      default_type text/html;
      return 200 "mailcow UI stand-in\\n";
    }
    include ${customFile};
    error_page 502 @awaitingupstream;
    location @awaitingupstream {
      default_type text/html;
      return 502 "<html>awaiting upstream</html>";
    }
    location ~* \\.php$ { return 404; }
    location ~* \\.twig$ { return 404; }
  }`;
}

/** Starts nginx with `servers` (text of server blocks) inside a minimal http {}. */
export async function startNginx(
  build: (listen: string, dir: string) => string | Promise<string>,
): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), 'apppass-nginx-'));
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const servers = await build(listen, dir);
  const conf = `
worker_processes 1;
error_log ${dir}/error.log notice;
pid ${dir}/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${servers}
}
`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  const child = spawnBench('nginx', [
    '-p',
    dir,
    '-c',
    join(dir, 'nginx.conf'),
    '-g',
    'daemon off;',
  ]);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = `http://${listen}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${stderr}`);
    const up = await fetch(`${url}/`).then(
      (r) => (void r.body?.cancel(), true),
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    process: child,
    alive: () => child.exitCode === null && child.signalCode === null,
    errorLog: () => readFile(join(dir, 'error.log'), 'utf8').catch(() => ''),
    stop: () => stopProcess(child, 3000),
  };
}

/**
 * A deploy/ snippet with only what must differ on the bench replaced: each `from` must occur
 * exactly once (so a changed snippet fails loudly instead of being tested unchanged).
 */
export function adapt(text: string, replacements: [from: string, to: string][]): string {
  let out = text;
  for (const [from, to] of replacements) {
    const count = out.split(from).length - 1;
    if (count !== 1) throw new Error(`expected "${from}" once in the snippet, found ${count}`);
    out = out.replace(from, to);
  }
  return out;
}
