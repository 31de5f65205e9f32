import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createMetricsHttpServer, type MetricsHttpServer } from '../../../src/server/metrics-http-server';
import { createServerMetrics, type ServerMetrics } from '../../../src/server/metrics';

/** One request over node:http, so a test can choose the method and the agent (keep-alive) itself. */
function request(port: number, method: string, path: string, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('metrics HTTP server (real node:http server on 127.0.0.1)', function () {
  this.timeout(30_000);
  let metrics: ServerMetrics;
  let server: MetricsHttpServer | undefined;
  let port: number;

  beforeEach(async () => {
    metrics = createServerMetrics();
    server = createMetricsHttpServer({ metrics });
    ({ port } = await server.start());
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds a free port when given port 0', () => {
    assert.ok(Number.isInteger(port) && port > 0);
  });

  it('GET /metrics serves the exposition text, with a counter incremented before the scrape', async () => {
    metrics.frameGrounded('cam-1');
    metrics.frameGrounded('cam-1');
    metrics.callEnded('GroundVideo', 'OK');
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    assert.match(body, /^groundstream_frames_total\{stream="cam-1"\} 2$/m);
    assert.match(body, /^groundstream_calls_total\{method="GroundVideo",code="OK"\} 1$/m);
    assert.match(body, /^process_cpu_user_seconds_total /m);

    metrics.frameGrounded('cam-1');
    const again = await (await fetch(`http://127.0.0.1:${port}/metrics?scrape=2`)).text();
    assert.match(again, /^groundstream_frames_total\{stream="cam-1"\} 3$/m, 'each scrape reads current values; a query string is ignored');
  });

  it('GET /healthz answers 200 ok', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'ok');
  });

  it('answers 404 for other paths, whatever the method', async () => {
    for (const path of ['/', '/metricsx', '/metrics/extra', '/favicon.ico']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      assert.equal(res.status, 404, path);
      await res.body?.cancel();
    }
    assert.equal((await request(port, 'POST', '/nope')).status, 404);
  });

  it('answers 405 with Allow: GET for other methods on /metrics and /healthz', async () => {
    for (const [method, path] of [['POST', '/metrics'], ['PUT', '/healthz'], ['DELETE', '/metrics'], ['HEAD', '/metrics']] as const) {
      const res = await request(port, method, path);
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.allow, 'GET');
    }
  });

  it('answers 500, and keeps serving, when collecting metrics fails', async () => {
    const broken: ServerMetrics = { ...metrics, render: () => Promise.reject(new Error('collector broke')) };
    const other = createMetricsHttpServer({ metrics: broken });
    const { port: otherPort } = await other.start();
    try {
      const res = await request(otherPort, 'GET', '/metrics');
      assert.equal(res.status, 500);
      assert.match(res.body, /collector broke/);
      assert.equal((await request(otherPort, 'GET', '/healthz')).status, 200);
    } finally {
      await other.close();
    }
  });

  it('close() with an open keep-alive connection finishes in under 1 s and frees the port', async () => {
    const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    try {
      const res = await request(port, 'GET', '/healthz', agent);
      assert.equal(res.status, 200);
      assert.equal(res.headers.connection, 'keep-alive');
      // The socket now sits idle in the agent's pool: without closeAllConnections, close() would wait on it.
      assert.equal(Object.values(agent.freeSockets).flat().length, 1);
      // fetch (undici) also keeps its connection open.
      await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

      const start = Date.now();
      await server!.close();
      server = undefined;
      assert.ok(Date.now() - start < 1000, `close() took ${Date.now() - start} ms`);
      await assert.rejects(request(port, 'GET', '/healthz'), /ECONNREFUSED|ECONNRESET|socket hang up/);
    } finally {
      agent.destroy();
    }
  });

  it('close() also drops a connection in the middle of a request (which server.close() alone would wait on)', async () => {
    // Node 19+ closes idle keep-alive sockets in server.close() already; a client that has sent half a
    // request is not idle, and would hold close() (and the process) until headersTimeout, 60 s.
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const start = Date.now();
    await server!.close();
    server = undefined;
    await closed;
    assert.ok(Date.now() - start < 1000, `close() took ${Date.now() - start} ms`);
  });

  it('a process that starts, scrapes and closes the server exits by itself', async () => {
    const src = (name: string) => JSON.stringify(path.resolve(__dirname, '../../../src/server', name));
    const code = [
      `const { createServerMetrics } = require(${src('metrics')});`,
      `const { createMetricsHttpServer } = require(${src('metrics-http-server')});`,
      'const metrics = createServerMetrics(); const server = createMetricsHttpServer({ metrics });',
      'server.start().then(async ({ port }) => { const r = await fetch(`http://127.0.0.1:${port}/metrics`); await r.text();',
      "  await server.close(); console.log('closed', r.status); });",
    ].join('\n');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--require', 'tsx/cjs', '-e', code], { cwd: path.resolve(__dirname, '../../..'), timeout: 20_000 }, (error, out, err) =>
        error ? reject(new Error(`child failed or hung (${error.message}): ${err}`)) : resolve(out),
      );
    });
    assert.equal(stdout.trim(), 'closed 200');
  });

  it('close() is safe twice, before start, and right after a start that has not bound yet', async () => {
    await server!.close();
    await server!.close();
    server = undefined;
    await createMetricsHttpServer({ metrics }).close();

    const racing = createMetricsHttpServer({ metrics });
    const started = racing.start();
    await racing.close();
    const { port: racedPort } = await started;
    await assert.rejects(request(racedPort, 'GET', '/healthz'), /ECONNREFUSED|ECONNRESET/);
  });

  it('start() rejects when the port is taken, and twice on one server', async () => {
    await assert.rejects(server!.start(), /already started/);
    const clash = createMetricsHttpServer({ metrics, port });
    await assert.rejects(clash.start(), /EADDRINUSE/);
    await clash.close();
  });
});
