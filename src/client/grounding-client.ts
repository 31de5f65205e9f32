import * as grpc from '@grpc/grpc-js';
import type {
  GroundingEvent, GroundRasterRequest, GroundVideoRequest, QueryRegionRequest, SessionAck, StartStreamRequest, StreamInfo, SubscribeRequest,
  SubscriptionFilter,
} from '../core/events';
import { decodeEvent, decodeTimestamp, type GroundingEventMessage, type TimestampMessage } from '../server/event-codec';
import { GROUNDING_SERVICE_NAME, HEALTH_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from '../server/proto-definitions';
import { toCallError } from './call-error';

/** Options of {@link createGroundstreamClient}. */
export interface GroundstreamClientOptions {
  /** Default: insecure (plain HTTP/2), as the server serves by default; see also `tls`. */
  credentials?: grpc.ChannelCredentials;
  /** TLS with this PEM root certificate (e.g. the server's self-signed one); `{}` trusts the system roots. */
  tls?: { rootCert?: Buffer; serverName?: string };
  /** Sent as `authorization: Bearer <token>` on every GroundingService call. */
  token?: string;
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
  /** Starts a live stream on the server; resolves when its source is open. */
  startStream(request: Partial<StartStreamRequest> & Pick<StartStreamRequest, 'streamId' | 'source'>, options?: CallOptions): Promise<StreamInfo>;
  /** Stops a live stream; its subscribers get its end event. */
  stopStream(streamId: string, options?: CallOptions): Promise<StreamInfo>;
  /** The server's live streams. */
  listStreams(options?: CallOptions): Promise<StreamInfo[]>;
  /**
   * Streams a live stream's events from now on, under a backpressure policy (default DROP, 64):
   * an EVENT_KIND_DROPPED event says how many this subscriber missed, EVENT_KIND_STREAM_END ends it.
   * Leaving the loop cancels the subscription.
   */
  subscribe(request: Partial<SubscribeRequest> & Pick<SubscribeRequest, 'streamId'>, options?: CallOptions): AsyncIterable<GroundingEvent>;
  /** Opens a steerable subscription: change the query or filter, pause and resume, without reconnecting. */
  session(request: Partial<SubscribeRequest> & Pick<SubscribeRequest, 'streamId'>, options?: CallOptions): GroundstreamSession;
  /** Asks the health service about `service` ('' = the whole server, the default). */
  health(service?: string, options?: CallOptions): Promise<HealthStatus>;
  /** Closes the channel; calls in flight are cancelled. */
  close(): void;
}

/** A live subscription steered while it runs; iterate `events` and call the commands as you go. */
export interface GroundstreamSession {
  /** The attached stream's events, in order; ends with EVENT_KIND_STREAM_END or when `close()` is called. */
  readonly events: AsyncIterable<GroundingEvent>;
  /** Resolves with the attach ack (the session's query, the stream's state). */
  readonly attached: Promise<SessionAck>;
  /** Grounds another query for this session only; resolves with the ack (ok false with an error when nothing in it is groundable). */
  setQuery(query: string): Promise<SessionAck>;
  setFilter(filter: SubscriptionFilter): Promise<SessionAck>;
  pause(): Promise<SessionAck>;
  resume(): Promise<SessionAck>;
  /** Ends the session: `events` finishes without an error. */
  close(): void;
}

type StreamingMethod<Req> = (request: Req, metadata: grpc.Metadata, options: grpc.CallOptions) => grpc.ClientReadableStream<GroundingEventMessage>;

type UnaryMethod<Req, Res> = (request: Req, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response?: Res) => void) => grpc.ClientUnaryCall;
type StreamInfoMessage = Omit<StreamInfo, 'startedAt' | 'query' | 'error'> & { startedAt?: TimestampMessage | null; query?: StreamInfo['query'] | null; error?: StreamInfo['error'] | null };

interface GroundingStub extends grpc.Client {
  StartStream: UnaryMethod<Partial<StartStreamRequest>, StreamInfoMessage>;
  StopStream: UnaryMethod<{ streamId: string }, StreamInfoMessage>;
  ListStreams: UnaryMethod<Record<string, never>, { streams: StreamInfoMessage[] }>;
  Subscribe: StreamingMethod<Partial<SubscribeRequest>>;
  Session: (metadata: grpc.Metadata, options: grpc.CallOptions) => grpc.ClientDuplexStream<unknown, { event?: GroundingEventMessage | null; ack?: (Omit<SessionAck, 'stream'> & { stream?: StreamInfoMessage | null }) | null }>;
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
  const credentials = options.credentials
    ?? (options.tls ? grpc.credentials.createSsl(options.tls.rootCert ?? null) : grpc.credentials.createInsecure());
  const channelOptions: grpc.ChannelOptions = { ...options.channelOptions };
  if (options.tls?.serverName) channelOptions['grpc.ssl_target_name_override'] = options.tls.serverName;
  const callMetadata = (): grpc.Metadata => {
    const m = new grpc.Metadata();
    if (options.token) m.set('authorization', `Bearer ${options.token}`);
    return m;
  };
  const GroundingClient = grpc.makeGenericClientConstructor(serviceDefinition(definition, GROUNDING_SERVICE_NAME) as grpc.ServiceDefinition, 'GroundingService');
  const HealthClient = grpc.makeGenericClientConstructor(serviceDefinition(definition, HEALTH_SERVICE_NAME) as grpc.ServiceDefinition, 'Health');
  const grounding = new GroundingClient(address, credentials, channelOptions) as unknown as GroundingStub;
  // One channel for both services.
  const health = new HealthClient(address, credentials, { channelOverride: grounding.getChannel() }) as unknown as HealthStub;

  /** One server-streaming call, its messages decoded to plain events. */
  async function* stream<Req>(start: StreamingMethod<Req>, request: Req, callOptions: CallOptions = {}): AsyncGenerator<GroundingEvent> {
    const { signal, deadline } = callOptions;
    signal?.throwIfAborted();
    const call = start.call(grounding, request, callMetadata(), deadline === undefined ? {} : { deadline });
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

  /** One unary call as a promise; aborting cancels it. */
  function unary<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, callOptions: CallOptions = {}): Promise<Res> {
    const { signal, deadline } = callOptions;
    return new Promise<Res>((resolve, reject) => {
      signal?.throwIfAborted();
      const call = method.call(grounding, request, callMetadata(), deadline === undefined ? {} : { deadline }, (error, response) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(signal.reason);
        else if (error) reject(toCallError(error));
        else resolve(response as Res);
      });
      const onAbort = (): void => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function session(request: Partial<SubscribeRequest> & Pick<SubscribeRequest, 'streamId'>, callOptions: CallOptions = {}): GroundstreamSession {
    const { signal, deadline } = callOptions;
    const call = grounding.Session(callMetadata(), deadline === undefined ? {} : { deadline });
    let nextId = 1;
    const pending = new Map<number, { resolve: (a: SessionAck) => void; reject: (e: unknown) => void }>();
    const events: GroundingEvent[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    let failure: unknown;
    const poke = (): void => { wake?.(); wake = undefined; };
    call.on('data', (message) => {
      if (message.ack) {
        const { stream, ...rest } = message.ack;
        const ack: SessionAck = { ...rest, ...(stream ? { stream: decodeStreamInfo(stream) } : {}) } as SessionAck;
        if (ack.query == null) delete ack.query;
        if (ack.error == null) delete ack.error;
        pending.get(ack.commandId)?.resolve(ack);
        pending.delete(ack.commandId);
      } else if (message.event) {
        events.push(decodeEvent(message.event));
        poke();
      }
    });
    let closing = false;
    call.on('error', (e) => {
      // close() cancels: that is the session's normal end, not a failure
      failure = closing ? undefined : signal?.aborted ? signal.reason : toCallError(e);
      for (const p of pending.values()) p.reject(failure ?? new Error('the session was closed'));
      pending.clear();
      finished = true;
      poke();
    });
    call.on('end', () => {
      finished = true;
      for (const p of pending.values()) p.reject(new Error('the session ended before the server answered'));
      pending.clear();
      poke();
    });
    const onAbort = (): void => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    const send = (command: Record<string, unknown>): Promise<SessionAck> => {
      const commandId = nextId++;
      const answer = new Promise<SessionAck>((resolve, reject) => pending.set(commandId, { resolve, reject }));
      call.write({ commandId, ...command });
      return answer;
    };
    const attached = send({ attach: request });
    attached.catch(() => undefined);
    return {
      attached,
      events: {
        async *[Symbol.asyncIterator]() {
          try {
            for (;;) {
              if (events.length) {
                yield events.shift() as GroundingEvent;
                continue;
              }
              if (finished) break;
              await new Promise<void>((resolve) => { wake = resolve; });
            }
            if (failure) throw failure;
          } finally {
            signal?.removeEventListener('abort', onAbort);
            call.cancel();
          }
        },
      },
      setQuery: (query) => send({ setQuery: query }),
      setFilter: (filter) => send({ setFilter: filter }),
      pause: () => send({ pause: true }),
      resume: () => send({ resume: true }),
      close: () => {
        closing = true;
        call.cancel();
      },
    };
  }

  return {
    startStream: async (request, callOptions) => decodeStreamInfo(await unary(grounding.StartStream, request, callOptions)),
    stopStream: async (streamId, callOptions) => decodeStreamInfo(await unary(grounding.StopStream, { streamId }, callOptions)),
    listStreams: async (callOptions) => (await unary(grounding.ListStreams, {}, callOptions)).streams.map(decodeStreamInfo),
    subscribe: (request, callOptions) => stream(grounding.Subscribe, request, callOptions),
    session,
    groundVideo: (request, callOptions) => stream(grounding.GroundVideo, request, callOptions),
    groundRaster: (request, callOptions) => stream(grounding.GroundRaster, request, callOptions),
    queryRegion: (request, callOptions) => stream(grounding.QueryRegion, request, callOptions),
    health(service = '', callOptions: CallOptions = {}) {
      const { signal, deadline } = callOptions;
      return new Promise<HealthStatus>((resolve, reject) => {
        signal?.throwIfAborted();
        const call = health.Check({ service }, callMetadata(), deadline === undefined ? {} : { deadline }, (error, response) => {
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

/** A StreamInfo as proto-loader deserialized it → plain (RFC 3339 time, unset messages left out). */
function decodeStreamInfo(message: StreamInfoMessage): StreamInfo {
  const { startedAt, query, error, ...rest } = message;
  return {
    ...rest,
    ...(startedAt ? { startedAt: decodeTimestamp(startedAt) } : {}),
    ...(query ? { query } : {}),
    ...(error ? { error } : {}),
  } as StreamInfo;
}
