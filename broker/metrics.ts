import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (APPPASS_METRICS_LISTEN): served on a listener of their own, so they never
 * become reachable through nginx's /apppass/ location.
 */
export class BrokerMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'apppass_http_requests_total',
    help: 'Requests answered, by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly mailcow = new Histogram({
    name: 'apppass_mailcow_request_duration_seconds',
    help: 'Calls to mailcow: duration, by method and outcome',
    labelNames: ['method', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly tokenFailures = new Counter({
    name: 'apppass_token_verification_failures_total',
    help: 'Requests refused for their token, by reason (problem code)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly writes = new Counter({
    name: 'apppass_app_password_writes_total',
    help: 'Creates and deletes, by action and outcome',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  request(route: string, status: number, problem?: string): void {
    this.requests.inc({ route, status: String(status) });
    if (status === 401 && problem) this.tokenFailures.inc({ reason: problem });
  }

  mailcowCall(method: string, seconds: number, outcome: string): void {
    this.mailcow.observe({ method, outcome }, seconds);
  }

  write(action: 'create' | 'delete', outcome: string): void {
    this.writes.inc({ action, outcome });
  }

  /** GET /metrics on host:port; resolves with the listener. */
  async serve(listen: { host: string; port: number }): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => resolve());
    });
    return server;
  }
}

export function serverPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
