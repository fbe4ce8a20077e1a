import { createSocket, type RemoteInfo } from 'node:dgram';

/**
 * A stand-in for Docker's embedded DNS server (127.0.0.11 in every container on a user-defined
 * network; moby `libnetwork/resolver.go`): a service name answers with the A record of each
 * running container of that service (several for replicas, in turn), and a name with no running
 * container is unknown (NXDOMAIN once the external forwarders do not know it either). nginx's
 * resolver sends one question per UDP query; only A (1) and AAAA (28) are asked with ipv6=off/on.
 */
export interface DockerDns {
  /** host:port for nginx's `resolver` directive. */
  address: string;
  /** The containers of `name` now running (empty = none: NXDOMAIN). */
  set(name: string, ipv4: string[]): void;
  queries(): number;
  stop(): Promise<void>;
}

interface Question {
  name: string;
  type: number;
  end: number;
}

function readQuestion(msg: Buffer): Question | null {
  let off = 12;
  const labels: string[] = [];
  while (off < msg.length) {
    const len = msg[off] ?? 0;
    off += 1;
    if (len === 0) break;
    labels.push(msg.subarray(off, off + len).toString('ascii'));
    off += len;
  }
  if (off + 4 > msg.length) return null;
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(off), end: off + 4 };
}

function answer(query: Buffer, q: Question, ips: string[] | undefined): Buffer {
  const known = ips !== undefined && ips.length > 0;
  const records = known && q.type === 1 ? ips : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  // QR=1, opcode 0, RD copied, RA=1; rcode 3 (NXDOMAIN) when no container has the name
  header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (known ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const rrs = records.map((ip) => {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(1, 2); // A
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(600, 6); // Docker answers with a 600 s TTL
    rr.writeUInt16BE(4, 10);
    ip.split('.').forEach((part, i) => rr.writeUInt8(Number(part), 12 + i));
    return rr;
  });
  return Buffer.concat([header, query.subarray(12, q.end), ...rrs]);
}

export async function startDockerDns(): Promise<DockerDns> {
  const names = new Map<string, string[]>();
  let count = 0;
  const socket = createSocket('udp4');
  socket.on('message', (msg: Buffer, from: RemoteInfo) => {
    const q = msg.length > 12 ? readQuestion(msg) : null;
    if (!q) return;
    count += 1;
    // Docker rotates the records of several containers so load spreads over them.
    const ips = names.get(q.name);
    if (ips && ips.length > 1) names.set(q.name, [...ips.slice(1), ips[0] as string]);
    socket.send(answer(msg, q, ips), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    set: (name, ipv4) => void names.set(name.toLowerCase(), [...ipv4]),
    queries: () => count,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
