import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { defer, type Observable } from 'rxjs';
import type { GroundingEvent, GroundVideoRequest } from '../core/events';
import { toErrorStatus } from './error-status';
import { decodeGroundVideoRequest, encodeEvent, type GroundingEventMessage } from './event-codec';
import { GROUNDING_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from './proto-definitions';
import { normalizeForReflection } from './reflection-descriptors';
import { createStreamBridge, type StreamBridgeStats } from './stream-bridge';

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

/** How one GroundVideo call ended, for logs and tests. */
export interface GroundVideoCallReport extends StreamBridgeStats {
  request: GroundVideoRequest;
  outcome: 'completed' | 'failed' | 'cancelled';
  /** The status code sent: OK, the error's code, CANCELLED (client went away) or DEADLINE_EXCEEDED. */
  code: grpc.status;
}

/** Options of {@link createGroundstreamServer}. */
export interface GroundstreamServerOptions {
  groundVideo: GroundVideoHandler;
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
  /** Called once per GroundVideo call when it ends (errors it throws are ignored). */
  onCallEnd?: (report: GroundVideoCallReport) => void;
}

/** A gRPC server with the grounding service, health checking and reflection. */
export interface GroundstreamServer {
  /** Binds and starts serving; resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Reports NOT_SERVING, lets calls finish for up to `shutdownTimeoutMs`, then cuts them off. */
  close(): Promise<void>;
}

/** Header carrying the server version on every GroundVideo response. */
export const VERSION_METADATA_KEY = 'groundstream-version';

// setTimeout fires at once for longer delays; deadlines that far out are left to grpc-js.
const MAX_TIMER_MS = 2 ** 31 - 1;

type GroundVideoCall = grpc.ServerWritableStream<Partial<GroundVideoRequest>, GroundingEventMessage>;

function deadlineMs(deadline: grpc.Deadline): number {
  return deadline instanceof Date ? deadline.getTime() : deadline;
}

/**
 * Creates a groundstream gRPC server. The GroundVideo handler is injected and the server does no
 * media work itself: it encodes events, paces them by the client, maps errors to status codes and
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
  const server = new grpc.Server();
  let state: 'new' | 'starting' | 'serving' | 'closing' | 'closed' = 'new';

  const setServing = (serving: boolean): void => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    health.setStatus(GROUNDING_SERVICE_NAME, status);
  };

  function groundVideo(call: GroundVideoCall): void {
    const request = decodeGroundVideoRequest(call.request ?? {});
    const abort = new AbortController();
    let outcome: GroundVideoCallReport['outcome'] | undefined;
    let code: grpc.status = grpc.status.OK;
    let deadlineTimer: NodeJS.Timeout | undefined;

    const report = (how: GroundVideoCallReport['outcome']): void => {
      if (outcome) return;
      outcome = how;
      clearTimeout(deadlineTimer);
      try {
        options.onCallEnd?.({ ...bridge.stats, request, outcome: how, code });
      } catch {
        // A reporting hook must not break the stream it reports on.
      }
    };

    const bridge = createStreamBridge<GroundingEvent>(
      {
        write: (event) => call.write(encodeEvent(event)),
        onDrain: (listener) => call.once('drain', listener),
        end: () => {
          call.end();
          report('completed');
        },
        fail: (error) => {
          const status = toErrorStatus(error);
          code = status.code;
          // grpc-js turns an 'error' on a server stream into its status, sent after the messages
          // already written: events before a failure stay delivered.
          call.emit('error', status);
          report('failed');
        },
      },
      { maxQueued },
    );

    const stop = (reason: unknown, status: grpc.status): void => {
      if (!abort.signal.aborted) abort.abort(reason);
      bridge.cancel(reason);
      if (!outcome) code = status;
      report('cancelled');
    };
    // grpc-js emits 'cancelled' on client cancel, a broken connection, forced shutdown, and also
    // after a normal end (when it is a no-op here).
    call.once('cancelled', () => stop(new DOMException('the client cancelled the call', 'AbortError'), grpc.status.CANCELLED));
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
    bridge.pipeFrom(defer(() => options.groundVideo(request, abort.signal, { ready: bridge.ready })));
  }

  server.addService(serviceDefinition(definition, GROUNDING_SERVICE_NAME) as grpc.ServiceDefinition, {
    GroundVideo: groundVideo as grpc.handleServerStreamingCall<unknown, unknown>,
  });
  health.addToServer(server);
  new ReflectionService(normalizeForReflection(loadGroundstreamProtos({ keepCase: true }))).addToServer(server);

  return {
    async start() {
      if (state !== 'new') throw new Error(`the server cannot start: it is ${state}`);
      state = 'starting';
      const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
      const boundPort = await new Promise<number>((resolve, reject) => {
        server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
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
