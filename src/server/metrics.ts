import { status as Status } from '@grpc/grpc-js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The RPCs whose written events are counted (the `method` label of events_total). */
export type EventMethod = 'GroundVideo' | 'GroundRaster' | 'QueryRegion' | 'Subscribe' | 'Session';

/** The flow-control policies under which a subscriber can miss events (the `policy` label). */
export type DropPolicy = 'latest' | 'drop' | 'buffer' | 'paused';

/**
 * Inference latency buckets, in seconds. Spread over 1 ms – 2 s because a tiny detector on a GPU
 * answers in a millisecond and a large one on CPU in a second or two; anything slower lands in +Inf.
 */
export const INFERENCE_BUCKETS_SECONDS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2];

/** Options of {@link createServerMetrics}. */
export interface ServerMetricsOptions {
  /**
   * Also register prom-client's process metrics (CPU, memory, event loop lag, GC) on this registry.
   * Default true. Each instance that has them keeps an event-loop-delay monitor and a GC observer for
   * the rest of the process (prom-client gives no way to stop them; neither keeps the process alive),
   * so code that makes many short-lived instances, such as tests, may want to turn them off.
   */
  defaultMetrics?: boolean;
}

/** The server's Prometheus metrics, on a registry of their own. */
export interface ServerMetrics {
  /** The instance's own registry, for tests or to merge with another registry. */
  readonly registry: Registry;
  /** One frame of `streamId` was grounded. */
  frameGrounded(streamId: string): void;
  /** `n` events (default 1) were written to a client of `method`. */
  eventsWritten(method: EventMethod, n?: number): void;
  /** A subscriber missed `n` events (default 1) under `policy`. */
  eventsDropped(policy: DropPolicy, n?: number): void;
  /** One model inference took `seconds`. */
  observeInference(model: string, seconds: number): void;
  /** The number of streams being grounded now. */
  setActiveStreams(n: number): void;
  /** The number of subscriptions and sessions open now. */
  setSubscribers(n: number): void;
  /** A call of `method` finished with `code`: a gRPC status name ("OK") or number (0). */
  callEnded(method: string, code: string | Status): void;
  /** Drops the frames_total series of a stream that has ended, so stream ids do not pile up as labels. */
  forgetStream(streamId: string): void;
  /** The exposition text and the content type to serve it with. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Counts must be finite and positive: prom-client throws on a negative inc, and a metric must never break a call. */
const countable = (n: number): boolean => Number.isFinite(n) && n > 0;

/** The status name for a number ("OK" for 0); a name passes through, and an unknown number stays a number. */
function statusName(code: string | Status): string {
  if (typeof code === 'string') return code;
  const name: unknown = Status[code];
  return typeof name === 'string' ? name : String(code);
}

/**
 * Creates the server's metrics on a fresh prom-client Registry: never the global default one,
 * so two servers in one process (as in tests) count separately.
 *
 * @example
 * const metrics = createServerMetrics();
 * metrics.frameGrounded('cam-1');
 * metrics.callEnded('GroundVideo', 'OK');
 * const { contentType, body } = await metrics.render();
 */
export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];

  const frames = new Counter({ name: 'groundstream_frames_total', help: 'Frames grounded, by stream.', labelNames: ['stream'] as const, registers });
  const events = new Counter({ name: 'groundstream_events_total', help: 'Events written to clients, by RPC method.', labelNames: ['method'] as const, registers });
  const dropped = new Counter({
    name: 'groundstream_dropped_events_total',
    help: 'Events subscribers missed, by flow-control policy.',
    labelNames: ['policy'] as const,
    registers,
  });
  const inference = new Histogram({
    name: 'groundstream_inference_seconds',
    help: 'Model inference time in seconds, by model.',
    labelNames: ['model'] as const,
    buckets: [...INFERENCE_BUCKETS_SECONDS],
    registers,
  });
  const activeStreams = new Gauge({ name: 'groundstream_active_streams', help: 'Streams being grounded now.', registers });
  const subscribers = new Gauge({ name: 'groundstream_subscribers', help: 'Subscriptions and sessions open now.', registers });
  const calls = new Counter({
    name: 'groundstream_calls_total',
    help: 'Finished calls, by RPC method and gRPC status name.',
    labelNames: ['method', 'code'] as const,
    registers,
  });

  // Gauges read as zero before the server sets them, rather than being absent from the first scrape.
  activeStreams.set(0);
  subscribers.set(0);

  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  return {
    registry,
    frameGrounded: (streamId) => frames.inc({ stream: streamId }),
    eventsWritten: (method, n = 1) => {
      if (countable(n)) events.inc({ method }, n);
    },
    eventsDropped: (policy, n = 1) => {
      if (countable(n)) dropped.inc({ policy }, n);
    },
    observeInference: (model, seconds) => {
      // A negative or NaN duration is a clock bug upstream; recording it would skew every bucket.
      if (Number.isFinite(seconds) && seconds >= 0) inference.observe({ model }, seconds);
    },
    setActiveStreams: (n) => {
      if (Number.isFinite(n)) activeStreams.set(n);
    },
    setSubscribers: (n) => {
      if (Number.isFinite(n)) subscribers.set(n);
    },
    callEnded: (method, code) => calls.inc({ method, code: statusName(code) }),
    forgetStream: (streamId) => frames.remove({ stream: streamId }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
