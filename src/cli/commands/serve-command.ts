import { Command } from 'commander';
import { createEngine } from '../../engine/create-engine';
import { createGroundstreamServer } from '../../server/grounding-server';
import { toEngineOptions, withEngineOptions } from '../engine-options';
import { positiveInt } from '../parse-number';

/** `groundstream serve --port N`: the gRPC service, with health checking and reflection. */
export function serveCommand(): Command {
  const cmd = new Command('serve')
    .description('serve the gRPC API (groundstream.v1.GroundingService, grpc.health.v1.Health, reflection)')
    .option('-p, --port <n>', 'port (0 picks a free one)', (v) => (v === '0' ? 0 : positiveInt('--port')(v)), 50051)
    .option('--host <host>', 'address to bind; 0.0.0.0 serves other machines', '127.0.0.1');
  return withEngineOptions(cmd).action(async (opts) => {
    const engine = createEngine(toEngineOptions(opts));
    await engine.detector(); // load the default model before accepting calls
    const server = createGroundstreamServer({
      host: opts.host,
      port: opts.port,
      version: require('../../../package.json').version,
      groundVideo: (request, _signal, flow) => engine.groundVideo(request, { ready: flow.ready }),
      // Serves GroundRaster and QueryRegion (which sets request.bbox). The engine's raster hooks have
      // no `ready` yet, so tile events are not paced by the client: the server's queue absorbs them.
      groundRaster: (request, _signal, flow) => engine.groundRaster(request, { ready: flow.ready }),
      onCallEnd: (r) => process.stderr.write(`${r.method} ${r.source} ${r.outcome} (${r.code}), ${r.written} events\n`),
    });
    const { port } = await server.start();
    process.stderr.write(`groundstream serving gRPC on ${opts.host}:${port} (reflection and health on)\n`);
    const stop = async () => {
      process.stderr.write('groundstream: shutting down\n');
      await server.close();
      await engine.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
