import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// An HTTP server on 127.0.0.1 whose answers never end: every path gets an endless chunked
// JSON-looking body without Content-Length; paths under /huge/ declare Content-Length 100 MB
// and then send it. Writes wait for 'drain', so only the reader's memory grows.

export interface HostileHttp {
  base: string;
  /** Body bytes written so far, over every request. */
  sent(): number;
  stop(): Promise<void>;
}

const HUGE = 100 * 1024 * 1024;

function pour(res: ServerResponse, limit: number, count: { bytes: number }): void {
  const chunk = Buffer.alloc(16 * 1024, 0x20); // spaces: still "valid JSON so far"
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const more = () => {
    while (!closed && sent < limit) {
      sent += chunk.length;
      count.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    if (!closed) res.end();
  };
  res.write('{"issuer":');
  more();
}

export async function startHostileHttp(): Promise<HostileHttp> {
  const count = { bytes: 0 };
  const server: Server = createServer((req, res) => {
    const huge = (req.url ?? '').startsWith('/huge/');
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(huge ? { 'content-length': String(HUGE + 10) } : {}),
    });
    pour(res, huge ? HUGE : Number.POSITIVE_INFINITY, count);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    sent: () => count.bytes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
