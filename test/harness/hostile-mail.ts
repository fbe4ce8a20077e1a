import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

// Mail servers that never stop talking, for the checker's byte and line budgets. Each writes
// with backpressure (waits for 'drain'), so the flood costs the server itself no memory and
// the reader gets everything as fast as it can take it.

export type Flood =
  /** IMAP: greeting without capabilities, then untagged `* N EXISTS` lines for any command. */
  | 'imap-untagged'
  /** IMAP: one greeting line that never ends. */
  | 'imap-endless-line'
  /** POP3: `+OK` to CAPA, then capability lines, never the closing `.`. */
  | 'pop3-capa'
  /** SMTP: EHLO answered by `250-` continuation lines that never reach `250 `. */
  | 'smtp-ehlo'
  /** ManageSieve: the capability greeting never ends (quoted lines, no OK). */
  | 'sieve-caps';

export interface HostileServer {
  port: number;
  /** Bytes written to every client so far. */
  sent(): number;
  stop(): Promise<void>;
}

function pour(socket: Socket, line: (i: number) => string, count: { bytes: number }): void {
  let i = 0;
  let stopped = false;
  socket.on('close', () => (stopped = true));
  socket.on('error', () => (stopped = true));
  const more = () => {
    while (!stopped) {
      const chunk = Array.from({ length: 64 }, () => line(i++)).join('');
      count.bytes += chunk.length;
      if (!socket.write(chunk)) return void socket.once('drain', more);
    }
  };
  more();
}

function onFirstLine(socket: Socket, then: () => void): void {
  let seen = '';
  const onData = (b: Buffer) => {
    seen += b.toString('latin1');
    if (!seen.includes('\n')) return;
    socket.off('data', onData);
    socket.resume(); // keep reading (and dropping) whatever the client sends next
    then();
  };
  socket.on('data', onData);
}

function talk(kind: Flood, socket: Socket, count: { bytes: number }): void {
  switch (kind) {
    case 'imap-untagged':
      socket.write('* OK hostile IMAP ready\r\n');
      return onFirstLine(socket, () => pour(socket, (i) => `* ${i} EXISTS\r\n`, count));
    case 'imap-endless-line':
      socket.write('* OK ');
      return pour(socket, () => 'x'.repeat(64), count);
    case 'pop3-capa':
      socket.write('+OK hostile POP3 ready\r\n');
      return onFirstLine(socket, () => {
        socket.write('+OK\r\n');
        pour(socket, (i) => `X-CAPABILITY-${i}\r\n`, count);
      });
    case 'smtp-ehlo':
      socket.write('220 hostile ESMTP\r\n');
      return onFirstLine(socket, () => pour(socket, (i) => `250-X-EXTENSION-${i}\r\n`, count));
    case 'sieve-caps':
      socket.write('"IMPLEMENTATION" "hostile"\r\n');
      return pour(socket, (i) => `"X-CAP-${i}" "value"\r\n`, count);
  }
}

/** A flooding server on 127.0.0.1: plain TCP, or implicit TLS when `tls` is given. */
export async function startHostileServer(kind: Flood, tls?: TlsOptions): Promise<HostileServer> {
  const count = { bytes: 0 };
  const sockets = new Set<Socket>();
  const handle = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    talk(kind, socket, count);
  };
  const server: TcpServer = tls ? createTlsServer(tls, handle) : createTcpServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    sent: () => count.bytes,
    async stop() {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    },
  };
}
