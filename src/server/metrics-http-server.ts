import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerMetrics } from './metrics';

/** Options of {@link createMetricsHttpServer}. */
export interface MetricsHttpServerOptions {
  /** Interface to listen on. Default 127.0.0.1: metrics say what is being watched, so exposing them is a choice. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one, which start() reports. */
  port?: number;
  /** The metrics to serve at /metrics. */
  metrics: ServerMetrics;
}

/** A small HTTP server for Prometheus scrapes and liveness probes. */
export interface MetricsHttpServer {
  /** Starts listening; resolves with the port bound. */
  start(): Promise<{ port: number }>;
  /** Stops listening and closes every open connection, idle keep-alive ones included. */
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  // The socket may have been closed under an in-flight scrape by close(); there is nobody to answer then.
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': TEXT, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse, metrics: ServerMetrics): Promise<void> {
  // Only the path matters; a scraper may add a query string.
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path !== '/metrics' && path !== '/healthz') return reply(res, 404, 'not found\n');
  // Unknown paths are 404 whatever the method; a known path asked with another method is 405, as HTTP wants.
  if (req.method !== 'GET') return reply(res, 405, 'method not allowed\n', { Allow: 'GET' });
  if (path === '/healthz') return reply(res, 200, 'ok');
  const { contentType, body } = await metrics.render();
  reply(res, 200, body, { 'Content-Type': contentType });
}

/**
 * Creates the metrics HTTP server: `GET /metrics` serves the exposition text, `GET /healthz`
 * answers `ok`, other paths are 404 and other methods on those paths 405.
 *
 * @example
 * const metrics = createServerMetrics();
 * const http = createMetricsHttpServer({ metrics, port: 9464 });
 * const { port } = await http.start();
 * // ... later
 * await http.close();
 */
export function createMetricsHttpServer(options: MetricsHttpServerOptions): MetricsHttpServer {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const { metrics } = options;
  let server: Server | undefined;
  // The pending start(), so that a close() racing it waits for the bind instead of leaving a listener behind.
  let starting: Promise<unknown> = Promise.resolve();

  return {
    start() {
      if (server) return Promise.reject(new Error('metrics HTTP server already started'));
      const s = createServer((req, res) => {
        handle(req, res, metrics).catch((error: unknown) => {
          // A failed collect must not crash the process; the scraper sees the scrape fail instead.
          reply(res, 500, `metrics collection failed: ${error instanceof Error ? error.message : String(error)}\n`);
        });
      });
      server = s;
      const started = new Promise<{ port: number }>((resolve, reject) => {
        const onError = (error: Error) => {
          if (server === s) server = undefined;
          reject(error);
        };
        s.once('error', onError);
        s.listen(port, host, () => {
          s.off('error', onError);
          resolve({ port: (s.address() as AddressInfo).port });
        });
      });
      starting = started.catch(() => undefined);
      return started;
    },
    async close() {
      const s = server;
      server = undefined;
      if (!s) return;
      await starting;
      if (!s.listening) return;
      await new Promise<void>((resolve, reject) => {
        s.close((error) => (error ? reject(error) : resolve()));
        // server.close() alone waits for idle keep-alive sockets to time out (5 s by default),
        // which holds the process open; close them now, and any request in flight with them.
        s.closeAllConnections();
      });
    },
  };
}
