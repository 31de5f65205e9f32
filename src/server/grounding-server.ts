import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { defer, from, mergeMap, type Observable } from 'rxjs';
import type { GroundingEvent, GroundVideoRequest } from '../core/events';
import { CallStatusError, toErrorStatus } from './error-status';
import { decodeGroundVideoRequest, encodeEvent, type GroundingEventMessage } from './event-codec';
import { GROUNDING_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from './proto-definitions';
import { decodeGroundRasterRequest, decodeQueryRegionRequest, type RasterCallRequest, type RasterRequestMessage } from './raster-request-codec';
import { normalizeForReflection } from './reflection-descriptors';
import { createStreamBridge, type StreamBridgeStats } from './stream-bridge';
import type { LiveStreams } from '../engine/live-streams';
import { createLiveCalls, type LiveCallContext } from './live-calls';

/** Lets a handler pace its source by the client's reading speed. */
export interface StreamFlow {
  /**
   * Resolves when the client can take another event now; rejects once the call is over. Await it
   * before pulling each frame (see `paced`) so a slow client slows decoding instead of failing.
   */
  ready(): Promise<void>;
}

/**
 * Produces the events of one GroundVideo call. Unsubscribing must stop all work (the pipeline's
 * decoder included); `signal` aborts at the same moment, for work that is not an Observable.
 */
export type GroundVideoHandler = (request: GroundVideoRequest, signal: AbortSignal, flow: StreamFlow) => Observable<GroundingEvent>;

/**
 * Produces the events of one GroundRaster or QueryRegion call (QueryRegion sets `bbox`): tile
 * events, one scene event, a summary. Unsubscribing must stop all work, as for GroundVideo.
 */
export type GroundRasterHandler = (request: RasterCallRequest, signal: AbortSignal, flow: StreamFlow) => Observable<GroundingEvent>;

/** The streaming RPCs of groundstream.v1.GroundingService. */
export type StreamMethod = 'GroundVideo' | 'GroundRaster' | 'QueryRegion';

interface CallEnd extends StreamBridgeStats {
  outcome: 'completed' | 'failed' | 'cancelled';
  /** The status code sent: OK, the error's code, CANCELLED (client went away) or DEADLINE_EXCEEDED. */
  code: grpc.status;
}

/** How one GroundVideo call ended, for logs and tests. */
export interface GroundVideoCallReport extends CallEnd {
  method: 'GroundVideo';
  source: string;
  request: GroundVideoRequest;
}

/** How one GroundRaster or QueryRegion call ended; `request` is missing when it did not decode. */
export interface RasterCallReport extends CallEnd {
  method: Exclude<StreamMethod, 'GroundVideo'>;
  source: string;
  request?: RasterCallRequest;
}

/** How one streaming call ended, for logs and tests. */
export type CallReport = GroundVideoCallReport | RasterCallReport;

/** Options of {@link createGroundstreamServer}. */
export interface GroundstreamServerOptions {
  groundVideo: GroundVideoHandler;
  /** Serves GroundRaster and QueryRegion; without it they answer UNIMPLEMENTED. */
  groundRaster?: GroundRasterHandler;
  /** Default 127.0.0.1: serving other hosts is an explicit choice. */
  host?: string;
  /** Default 0: any free port, reported by `start()`. */
  port?: number;
  /** Sent to clients as the `groundstream-version` response header. */
  version?: string;
  /**
   * Events that may wait for a slow client beyond what gRPC buffers itself (default 32). A handler
   * that ignores `flow.ready()` and outruns the client by more fails with RESOURCE_EXHAUSTED.
   */
  maxQueuedEvents?: number;
  /** How long `close()` waits for calls to finish before cutting them off (default 5000 ms). */
  shutdownTimeoutMs?: number;
  /** Called once per streaming call when it ends (errors it throws are ignored). */
  onCallEnd?: (report: CallReport) => void;
  /** Serves StartStream, StopStream, ListStreams, Subscribe and Session; without it they answer UNIMPLEMENTED. */
  live?: LiveStreams;
  /**
   * Checks `authorization: Bearer <token>` metadata on every GroundingService call (health checking
   * and reflection stay open); throws `unauthenticated`. Without it every caller is `anonymous`.
   */
  auth?: { authenticate(authorization: string | undefined): { name: string } };
  /** Limits per principal: throws `resource_exhausted`; returns the release. Default: unlimited. */
  quota?: { acquire(principal: string, kind: 'stream' | 'subscription'): () => void };
  /**
   * Makes a client's source safe to open or refuses it (`permission_denied`): a real path under a
   * served root, or an allowed URL. Without it sources are opened as given.
   */
  checkSource?: (source: string) => Promise<string>;
  /** Serve TLS with this PEM certificate chain and key (default: plain HTTP/2). */
  tls?: { certChain: Buffer; privateKey: Buffer };
  /** Largest message the server receives or sends, in bytes (default 4 MiB in, unlimited out). */
  maxMessageBytes?: number;
  /** Extra hooks of live calls (metrics). */
  liveHooks?: Pick<LiveCallContext, 'onEventsWritten' | 'onEventsDropped' | 'onSubscribersChanged' | 'onCallEnd'>;
}

/** A gRPC server with the grounding service, health checking and reflection. */
export interface GroundstreamServer {
  /** Binds and starts serving; resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Reports NOT_SERVING, lets calls finish for up to `shutdownTimeoutMs`, then cuts them off. */
  close(): Promise<void>;
}

/** Header carrying the server version on every streaming response. */
export const VERSION_METADATA_KEY = 'groundstream-version';

// setTimeout fires at once for longer delays; deadlines that far out are left to grpc-js.
const MAX_TIMER_MS = 2 ** 31 - 1;

type StreamCall<Req> = grpc.ServerWritableStream<Req, GroundingEventMessage>;

function deadlineMs(deadline: grpc.Deadline): number {
  return deadline instanceof Date ? deadline.getTime() : deadline;
}

/**
 * Creates a groundstream gRPC server. The GroundVideo and GroundRaster handlers are injected and the
 * server does no media or raster work itself: it encodes events, paces them by the client, maps errors to status codes and
 * stops the handler's work when the client cancels or the deadline passes.
 *
 * @example
 * const server = createGroundstreamServer({ groundVideo: (req, signal, flow) => runEngine(req, signal, flow) });
 * const { port } = await server.start();
 */
export function createGroundstreamServer(options: GroundstreamServerOptions): GroundstreamServer {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const maxQueued = options.maxQueuedEvents ?? 32;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5000;
  const definition = loadGroundstreamProtos();
  const health = new HealthImplementation({ '': 'NOT_SERVING', [GROUNDING_SERVICE_NAME]: 'NOT_SERVING' });
  const server = new grpc.Server(options.maxMessageBytes ? {
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': options.maxMessageBytes,
  } : {});
  const principalOf = (metadata: grpc.Metadata): string => {
    if (!options.auth) return 'anonymous';
    const value = metadata.get('authorization')[0];
    return options.auth.authenticate(typeof value === 'string' ? value : undefined).name;
  };
  const checkSource = options.checkSource ?? (async (source: string) => source);
  /** The call's events once its caller is known and its source is allowed. */
  const guarded = <T extends { source: string }>(metadata: grpc.Metadata, request: T, run: (checked: T) => Observable<GroundingEvent>): Observable<GroundingEvent> => {
    principalOf(metadata);
    return from(checkSource(request.source)).pipe(mergeMap((source) => run({ ...request, source })));
  };
  let state: 'new' | 'starting' | 'serving' | 'closing' | 'closed' = 'new';
  /** Ends each call in flight with UNAVAILABLE, for a shutdown. */
  const inFlight = new Set<() => void>();

  const setServing = (serving: boolean): void => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    health.setStatus(GROUNDING_SERVICE_NAME, status);
  };

  const reportEnd = (report: CallReport): void => {
    try {
      options.onCallEnd?.(report);
    } catch {
      // A reporting hook must not break the stream it reports on.
    }
  };

  /**
   * Runs one server-streaming call: `start` makes the events (inside `defer`, so that decoding or
   * a handler that throws fails the call with its status), the bridge paces them by the client, a
   * cancel or the deadline unsubscribes, and `report` hears how it ended.
   */
  function serveStream<Req>(call: StreamCall<Req>, report: (end: CallEnd) => void, start: (signal: AbortSignal, flow: StreamFlow) => Observable<GroundingEvent>): void {
    const abort = new AbortController();
    let outcome: CallEnd['outcome'] | undefined;
    let code: grpc.status = grpc.status.OK;
    let deadlineTimer: NodeJS.Timeout | undefined;

    const finish = (how: CallEnd['outcome']): void => {
      if (outcome) return;
      outcome = how;
      inFlight.delete(shutDown);
      clearTimeout(deadlineTimer);
      report({ ...bridge.stats, outcome: how, code });
    };

    const bridge = createStreamBridge<GroundingEvent>(
      {
        write: (event) => call.write(encodeEvent(event)),
        onDrain: (listener) => call.once('drain', listener),
        end: () => {
          call.end();
          finish('completed');
        },
        fail: (error) => {
          const status = toErrorStatus(error);
          code = status.code;
          // grpc-js turns an 'error' on a server stream into its status, sent after the messages
          // already written: events before a failure stay delivered.
          call.emit('error', status);
          finish('failed');
        },
      },
      { maxQueued },
    );

    const stop = (reason: unknown, status: grpc.status): void => {
      if (!abort.signal.aborted) abort.abort(reason);
      bridge.cancel(reason);
      if (!outcome) code = status;
      finish('cancelled');
    };
    // grpc-js emits 'cancelled' on client cancel, a broken connection, forced shutdown, and also
    // after a normal end (when it is a no-op here).
    call.once('cancelled', () => stop(new DOMException('the client cancelled the call', 'AbortError'), grpc.status.CANCELLED));
    // A shutdown ends the call with a last word (its status) instead of cutting the connection.
    function shutDown(): void {
      if (outcome) return;
      const reason = new CallStatusError(grpc.status.UNAVAILABLE, 'the server is shutting down; retry on another instance or later');
      if (!abort.signal.aborted) abort.abort(reason);
      bridge.cancel(reason);
      code = grpc.status.UNAVAILABLE;
      call.emit('error', toErrorStatus(reason));
      finish('failed');
    }
    inFlight.add(shutDown);
    // grpc-js answers the deadline itself, but only reports 'cancelled' once buffered messages are
    // flushed; stopping here frees the pipeline at the deadline even with a stalled client.
    const untilDeadline = deadlineMs(call.getDeadline()) - Date.now();
    if (untilDeadline <= MAX_TIMER_MS) {
      deadlineTimer = setTimeout(() => stop(new DOMException('the deadline was exceeded', 'TimeoutError'), grpc.status.DEADLINE_EXCEEDED), Math.max(0, untilDeadline));
    }

    if (options.version) {
      const metadata = new grpc.Metadata();
      metadata.set(VERSION_METADATA_KEY, options.version);
      call.sendMetadata(metadata);
    }
    // defer turns a handler that throws instead of returning an Observable into a failed stream.
    bridge.pipeFrom(defer(() => start(abort.signal, { ready: bridge.ready })));
  }

  function groundVideo(call: StreamCall<Partial<GroundVideoRequest>>): void {
    const request = decodeGroundVideoRequest(call.request ?? {});
    serveStream(call, (end) => reportEnd({ ...end, method: 'GroundVideo', source: request.source, request }),
      (signal, flow) => guarded(call.metadata, request, (checked) => options.groundVideo(checked, signal, flow)));
  }

  /** GroundRaster and QueryRegion differ only in how the request decodes (QueryRegion needs a bbox). */
  function rasterCall(method: RasterCallReport['method'], decode: (message: RasterRequestMessage) => RasterCallRequest) {
    return (call: StreamCall<RasterRequestMessage>): void => {
      let request: RasterCallRequest | undefined;
      const source = call.request?.source ?? '';
      serveStream(call, (end) => reportEnd({ ...end, method, source, request }), (signal, flow) => {
        const handler = options.groundRaster;
        if (!handler) throw new CallStatusError(grpc.status.UNIMPLEMENTED, `this server does not serve ${method}: it was started without a raster engine`);
        request = decode(call.request ?? {});
        return guarded(call.metadata, request, (checked) => handler(checked, signal, flow));
      });
    };
  }

  const unimplemented = (method: string) => (call: { emit?: unknown }, callback?: grpc.sendUnaryData<unknown>): void => {
    const status = { code: grpc.status.UNIMPLEMENTED, details: `this server does not serve ${method}: it was started without live streams` };
    if (callback) callback(status as grpc.ServiceError);
    else (call as grpc.ServerWritableStream<unknown, unknown>).emit('error', status);
  };
  const liveCalls = options.live ? createLiveCalls({
    live: options.live,
    principalOf,
    acquire: (principal, kind) => options.quota?.acquire(principal, kind) ?? (() => undefined),
    checkSource,
    ...options.liveHooks,
  }) : undefined;

  server.addService(serviceDefinition(definition, GROUNDING_SERVICE_NAME) as grpc.ServiceDefinition, {
    StartStream: (liveCalls?.StartStream ?? unimplemented('StartStream')) as grpc.handleUnaryCall<unknown, unknown>,
    StopStream: (liveCalls?.StopStream ?? unimplemented('StopStream')) as grpc.handleUnaryCall<unknown, unknown>,
    ListStreams: (liveCalls?.ListStreams ?? unimplemented('ListStreams')) as grpc.handleUnaryCall<unknown, unknown>,
    Subscribe: (liveCalls?.Subscribe ?? unimplemented('Subscribe')) as grpc.handleServerStreamingCall<unknown, unknown>,
    Session: (liveCalls?.Session ?? unimplemented('Session')) as grpc.handleBidiStreamingCall<unknown, unknown>,
    GroundVideo: groundVideo as grpc.handleServerStreamingCall<unknown, unknown>,
    GroundRaster: rasterCall('GroundRaster', decodeGroundRasterRequest) as grpc.handleServerStreamingCall<unknown, unknown>,
    QueryRegion: rasterCall('QueryRegion', decodeQueryRegionRequest) as grpc.handleServerStreamingCall<unknown, unknown>,
  });
  health.addToServer(server);
  new ReflectionService(normalizeForReflection(loadGroundstreamProtos({ keepCase: true }))).addToServer(server);

  return {
    async start() {
      if (state !== 'new') throw new Error(`the server cannot start: it is ${state}`);
      state = 'starting';
      const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
      const boundPort = await new Promise<number>((resolve, reject) => {
        const credentials = options.tls
          ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: options.tls.certChain, private_key: options.tls.privateKey }], false)
          : grpc.ServerCredentials.createInsecure();
        server.bindAsync(address, credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
      }).catch((error: unknown) => {
        state = 'closed';
        throw new Error(`cannot listen on ${address}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      state = 'serving';
      setServing(true);
      return { port: boundPort };
    },
    async close() {
      if (state === 'closing' || state === 'closed') return;
      state = 'closing';
      setServing(false);
      // Live subscribers get their stream's end event and their calls end before the server goes;
      // other calls in flight end with UNAVAILABLE.
      await options.live?.close();
      for (const shutDown of [...inFlight]) shutDown();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, shutdownTimeoutMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      state = 'closed';
    },
  };
}
