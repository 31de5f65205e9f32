import * as grpc from '@grpc/grpc-js';
import type { GroundingEvent, GroundRasterRequest, GroundVideoRequest, QueryRegionRequest } from '../core/events';
import { decodeEvent, type GroundingEventMessage } from '../server/event-codec';
import { GROUNDING_SERVICE_NAME, HEALTH_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from '../server/proto-definitions';
import { toCallError } from './call-error';

/** Options of {@link createGroundstreamClient}. */
export interface GroundstreamClientOptions {
  /** Default: insecure (plain HTTP/2), as the server serves by default. */
  credentials?: grpc.ChannelCredentials;
  /** grpc-js channel options, e.g. `{ 'grpc-node.flow_control_window': 65535 }`. */
  channelOptions?: grpc.ChannelOptions;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborting cancels the call; the iteration then throws `signal.reason`. */
  signal?: AbortSignal;
  /** Absolute deadline (a Date or epoch milliseconds); past it the call fails with DEADLINE_EXCEEDED. */
  deadline?: Date | number;
}

/** What the standard health service answers. */
export type HealthStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/** A typed client of a groundstream server. */
export interface GroundstreamClient {
  /**
   * Streams the events of one GroundVideo call, decoded to plain events. The call starts on the
   * first `next()`; it is read at the consumer's pace (gRPC flow control slows the server), and
   * leaving the loop early cancels it. A non-OK status throws a `GroundstreamCallError`.
   */
  groundVideo(request: Partial<GroundVideoRequest> & Pick<GroundVideoRequest, 'source'>, options?: CallOptions): AsyncIterable<GroundingEvent>;
  /**
   * Streams the events of one GroundRaster call: a tile event per tile, one scene event (regions
   * merged across seams, with GeoJSON `geometry` when georeferenced), then a summary. Behaves like
   * `groundVideo` (lazy start, early exit cancels, `GroundstreamCallError` on a non-OK status).
   */
  groundRaster(request: Partial<GroundRasterRequest> & Pick<GroundRasterRequest, 'source'>, options?: CallOptions): AsyncIterable<GroundingEvent>;
  /** Streams the events of one QueryRegion call: like `groundRaster`, for the tiles that meet `bbox` only. */
  queryRegion(request: Partial<QueryRegionRequest> & Pick<QueryRegionRequest, 'source' | 'bbox'>, options?: CallOptions): AsyncIterable<GroundingEvent>;
  /** Asks the health service about `service` ('' = the whole server, the default). */
  health(service?: string, options?: CallOptions): Promise<HealthStatus>;
  /** Closes the channel; calls in flight are cancelled. */
  close(): void;
}

type StreamingMethod<Req> = (request: Req, metadata: grpc.Metadata, options: grpc.CallOptions) => grpc.ClientReadableStream<GroundingEventMessage>;

interface GroundingStub extends grpc.Client {
  GroundVideo: StreamingMethod<Partial<GroundVideoRequest>>;
  GroundRaster: StreamingMethod<Partial<GroundRasterRequest>>;
  QueryRegion: StreamingMethod<Partial<QueryRegionRequest>>;
}

interface HealthStub extends grpc.Client {
  Check(
    request: { service: string },
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: { status: HealthStatus }) => void,
  ): grpc.ClientUnaryCall;
}

/**
 * Connects to a groundstream server at `address` ("host:port"). The channel connects lazily.
 *
 * @example
 * const client = createGroundstreamClient('127.0.0.1:50051');
 * for await (const event of client.groundVideo({ source: 'clip.mp4', query: 'people' })) console.log(event.ptsSec);
 * client.close();
 */
export function createGroundstreamClient(address: string, options: GroundstreamClientOptions = {}): GroundstreamClient {
  const definition = loadGroundstreamProtos();
  const credentials = options.credentials ?? grpc.credentials.createInsecure();
  const GroundingClient = grpc.makeGenericClientConstructor(serviceDefinition(definition, GROUNDING_SERVICE_NAME) as grpc.ServiceDefinition, 'GroundingService');
  const HealthClient = grpc.makeGenericClientConstructor(serviceDefinition(definition, HEALTH_SERVICE_NAME) as grpc.ServiceDefinition, 'Health');
  const grounding = new GroundingClient(address, credentials, options.channelOptions) as unknown as GroundingStub;
  // One channel for both services.
  const health = new HealthClient(address, credentials, { channelOverride: grounding.getChannel() }) as unknown as HealthStub;

  /** One server-streaming call, its messages decoded to plain events. */
  async function* stream<Req>(start: StreamingMethod<Req>, request: Req, callOptions: CallOptions = {}): AsyncGenerator<GroundingEvent> {
    const { signal, deadline } = callOptions;
    signal?.throwIfAborted();
    const call = start.call(grounding, request, new grpc.Metadata(), deadline === undefined ? {} : { deadline });
    const onAbort = (): void => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // A Readable's async iterator reads one message per step, so a slow loop stops grpc-js
      // reading and HTTP/2 flow control holds the server back.
      for await (const message of call) yield decodeEvent(message as GroundingEventMessage);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw toCallError(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // A no-op after the status; otherwise (the loop was left early) it stops the server's work.
      call.cancel();
    }
  }

  return {
    groundVideo: (request, callOptions) => stream(grounding.GroundVideo, request, callOptions),
    groundRaster: (request, callOptions) => stream(grounding.GroundRaster, request, callOptions),
    queryRegion: (request, callOptions) => stream(grounding.QueryRegion, request, callOptions),
    health(service = '', callOptions: CallOptions = {}) {
      const { signal, deadline } = callOptions;
      return new Promise<HealthStatus>((resolve, reject) => {
        signal?.throwIfAborted();
        const call = health.Check({ service }, new grpc.Metadata(), deadline === undefined ? {} : { deadline }, (error, response) => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) reject(signal.reason);
          else if (error) reject(toCallError(error));
          else resolve(response?.status ?? 'UNKNOWN');
        });
        const onAbort = (): void => call.cancel();
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      health.close();
      grounding.close();
    },
  };
}
