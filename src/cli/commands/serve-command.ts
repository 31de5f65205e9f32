import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { createEngine } from '../../engine/create-engine';
import { createGroundstreamServer } from '../../server/grounding-server';
import { createJsonLogger, type LogLevel } from '../../server/json-logger';
import { createMetricsHttpServer } from '../../server/metrics-http-server';
import { createServerMetrics, type DropPolicy } from '../../server/metrics';
import { checkFileSource, checkUrlSource, createQuota, createTokenAuth, loadTokensFile } from '../../server/security';
import { toEngineOptions, withEngineOptions } from '../engine-options';
import { positiveInt } from '../parse-number';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
// "scheme://…" is a URL (checked as one: http, https and rtsp only); anything else is a path under a
// root, opened by its real absolute path, so "concat:…" or "cam:1.mp4" can never reach an ffmpeg protocol.
const isUrl = (source: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

/**
 * `groundstream serve`: the gRPC API (GroundingService, health, reflection) with live streams,
 * token auth, TLS, source roots, per-token limits, JSON logs, Prometheus metrics and a graceful
 * shutdown on SIGTERM/SIGINT.
 */
export function serveCommand(): Command {
  const cmd = new Command('serve')
    .description('serve the gRPC API (groundstream.v1.GroundingService, grpc.health.v1.Health, reflection)')
    .option('-p, --port <n>', 'port (0 picks a free one)', (v) => (v === '0' ? 0 : positiveInt('--port')(v)), 50051)
    .option('--host <host>', 'address to bind; 0.0.0.0 serves other machines', '127.0.0.1')
    .option('--root <dir>', 'folder whose files clients may ground (repeatable; default: the current folder)', collect)
    .option('--allow-loopback', 'let URL sources point at this machine (127.0.0.1, ::1)')
    .option('--allow-private', 'let URL sources point at private, link-local and loopback addresses')
    .option('--tokens-file <file>', 'bearer tokens, one per line ("name:token" or "token"); without it auth is off')
    .option('--tls-cert <file>', 'PEM certificate chain: serve TLS (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--max-streams-per-token <n>', 'live streams one token may run at once', positiveInt('--max-streams-per-token'))
    .option('--max-subscriptions-per-token <n>', 'subscriptions and sessions one token may hold at once', positiveInt('--max-subscriptions-per-token'))
    .option('--max-message-bytes <n>', 'largest gRPC message received or sent', positiveInt('--max-message-bytes'))
    .option('--metrics-port <n>', 'serve Prometheus /metrics on this port (0 picks one; off when absent)', (v) => (v === '0' ? 0 : positiveInt('--metrics-port')(v)))
    .option('--shutdown-timeout-ms <n>', 'how long a shutdown waits for calls to end before cutting them', positiveInt('--shutdown-timeout-ms'), 5000)
    .addOption(new Option('--log-level <level>', 'JSON log level on stderr').choices(['debug', 'info', 'warn', 'error']).default('info'));
  return withEngineOptions(cmd).action(async (opts) => {
    const log = createJsonLogger({ level: opts.logLevel as LogLevel, base: { service: 'groundstream' } });
    if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
    const roots: string[] = opts.root?.length ? opts.root : [process.cwd()];
    const tokens = opts.tokensFile ? await loadTokensFile(opts.tokensFile) : [];
    const metrics = createServerMetrics();
    let subscribers = 0;
    const engine = createEngine({
      ...toEngineOptions(opts),
      onInference: (model, seconds) => metrics.observeInference(model, seconds),
      onLiveFrame: (streamId) => metrics.frameGrounded(streamId),
      onLiveStreamEnd: (info) => {
        log.info('stream ended', { streamId: info.streamId, state: info.state, frames: info.frames, error: info.error?.message });
        metrics.forgetStream(info.streamId);
        metrics.setActiveStreams(engine.live.list().filter((s) => s.state === 'STREAM_STATE_RUNNING').length);
      },
    });
    await engine.detector(); // load the default model before accepting calls
    const server = createGroundstreamServer({
      host: opts.host,
      port: opts.port,
      version: require('../../../package.json').version,
      groundVideo: (request, _signal, flow) => engine.groundVideo(request, { ready: flow.ready }),
      groundRaster: (request, _signal, flow) => engine.groundRaster(request, { ready: flow.ready }),
      live: engine.live,
      auth: tokens.length ? createTokenAuth(tokens) : undefined,
      quota: createQuota({ maxStreamsPerToken: opts.maxStreamsPerToken, maxSubscriptionsPerToken: opts.maxSubscriptionsPerToken }),
      checkSource: async (source) => (isUrl(source)
        ? (await checkUrlSource(source, { allowLoopback: opts.allowLoopback, allowPrivate: opts.allowPrivate })).href
        : checkFileSource(source, roots)),
      tls: opts.tlsCert ? { certChain: readFileSync(opts.tlsCert), privateKey: readFileSync(opts.tlsKey) } : undefined,
      maxMessageBytes: opts.maxMessageBytes,
      shutdownTimeoutMs: opts.shutdownTimeoutMs,
      onCallEnd: (r) => {
        metrics.callEnded(r.method, r.code);
        metrics.eventsWritten(r.method, r.written);
        log.info('call ended', { method: r.method, source: r.source, outcome: r.outcome, code: r.code, events: r.written });
      },
      liveHooks: {
        onEventsWritten: (method, n) => metrics.eventsWritten(method, n),
        onEventsDropped: (reason, n) => { for (const r of reason.split(',')) metrics.eventsDropped(r as DropPolicy, n); },
        onSubscribersChanged: (delta) => {
          subscribers += delta;
          metrics.setSubscribers(subscribers);
          metrics.setActiveStreams(engine.live.list().filter((s) => s.state === 'STREAM_STATE_RUNNING').length);
        },
        onCallEnd: (r) => {
          metrics.callEnded(r.method, r.code);
          log.info('call ended', { method: r.method, streamId: r.streamId, principal: r.principal, code: r.code, events: r.written, missed: r.missed });
        },
      },
    });
    const { port } = await server.start();
    const metricsServer = opts.metricsPort !== undefined ? createMetricsHttpServer({ host: opts.host, port: opts.metricsPort, metrics }) : undefined;
    const metricsPort = metricsServer ? (await metricsServer.start()).port : undefined;
    log.info('serving', {
      address: `${opts.host}:${port}`, tls: Boolean(opts.tlsCert), auth: tokens.length > 0, roots, metricsPort,
    });
    // Kept for scripts that wait for this line.
    process.stderr.write(`groundstream serving gRPC on ${opts.host}:${port} (reflection and health on)${metricsPort !== undefined ? `, metrics on ${opts.host}:${metricsPort}` : ''}\n`);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info('shutting down', { signal, timeoutMs: opts.shutdownTimeoutMs });
      // A hard stop if something hangs past the deadline: the process must go.
      setTimeout(() => process.exit(1), opts.shutdownTimeoutMs + 2000).unref();
      await server.close();
      await metricsServer?.close();
      await engine.close();
      log.info('stopped');
      process.exit(0);
    };
    // on, not once: a second signal during the shutdown must not kill the process mid-way
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });
}
