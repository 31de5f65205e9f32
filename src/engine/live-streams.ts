import { defer, repeat, type Subscription } from 'rxjs';
import { GroundstreamError } from '../core/errors';
import { EventKind, StreamState, type EventError, type GroundingEvent, type QueryPlan, type StreamInfo, type TemporalOptions } from '../core/events';
import { toLabelPhraseMap } from '../grounding/query';
import type { Detector } from '../models/detector';
import { eventEnvelope } from '../pipeline/event-envelope';
import { createSubscriberQueue, toSubscriberView, type QueuePolicy, type SubscriberQueue, type SubscriberView } from '../pipeline/live';
import type { EngineCore } from './engine-core';
import { groundVideoRequest } from './ground-video-request';

/** A live stream to start: one decode and one detector run, whatever the number of subscribers. */
export interface LiveStreamRequest {
  streamId: string;
  source: string;
  /** The regions subscribers get by default; empty: every label. */
  query?: string;
  fps?: number;
  scoreThreshold?: number;
  model?: string;
  /** Play a file again when it ends. */
  loop?: boolean;
  /** Tracking and temporal segments. */
  temporal?: TemporalOptions;
}

/** Which regions a subscriber gets beyond the query. */
export interface LiveFilter {
  labels?: readonly string[];
  phrases?: readonly string[];
}

/** Options of {@link LiveStreams.subscribe}. */
export interface LiveSubscribeOptions {
  policy: QueuePolicy;
  filter?: LiveFilter;
  /** Called once when a `buffer` policy overflows: the caller ends the subscription. */
  onOverflow?(): void;
}

/** One subscriber's view of a live stream: its queue, and the stream's end. */
export interface LiveSubscription {
  readonly streamId: string;
  /**
   * The stream's events for this subscriber, under its policy; the caller drains it into its
   * transport, passing each event through {@link present}.
   */
  readonly queue: SubscriberQueue<GroundingEvent>;
  /**
   * An event as this subscriber sees it (its query's regions and phrases, its filter). Applied as
   * events leave the queue, so everything delivered after setQuery or setFilter follows the change.
   * Undefined when nothing of the event is for this subscriber (a segment of a label it filters out).
   */
  present(event: GroundingEvent): GroundingEvent | undefined;
  /** The stream's last event (EVENT_KIND_STREAM_END), once the stream ends: deliver it after the queue. */
  readonly ended: Promise<GroundingEvent>;
  /** This subscriber's query as planned (the stream's until {@link setQuery}). */
  readonly query: QueryPlan;
  /** Grounds `query` for this subscriber only; throws `nothing_groundable` and keeps the old one. */
  setQuery(query: string): QueryPlan;
  setFilter(filter: LiveFilter | undefined): void;
  /** Leaves the stream; the queue gets nothing more. */
  detach(): void;
}

/** Callbacks of {@link createLiveStreams}, for metrics and logs. */
export interface LiveStreamHooks {
  /** A frame of a stream was grounded. */
  onFrame?(streamId: string): void;
  /** A stream ended (stopped, its source ended, or it failed). */
  onEnd?(info: StreamInfo): void;
}

/** The live streams of one engine. */
export interface LiveStreams {
  /**
   * Starts a stream; resolves once its source is open and its first frames are on their way.
   * Rejects with `already_exists` while a stream of that id runs, or with the source's or model's
   * error (and the stream is not kept).
   */
  start(request: LiveStreamRequest, options?: { onEnd?(info: StreamInfo): void }): Promise<StreamInfo>;
  /** Stops a stream: its decoder goes, every subscriber gets the stream's end. */
  stop(streamId: string): Promise<StreamInfo>;
  /** Every stream, ordered by id (ended and failed ones until restarted or stopped). */
  list(): StreamInfo[];
  /** One stream; `stream_not_found` when there is none. */
  get(streamId: string): StreamInfo;
  /** Attaches a subscriber to a running stream. */
  subscribe(streamId: string, options: LiveSubscribeOptions): LiveSubscription;
  /** Stops every stream. */
  close(): Promise<void>;
}

const STREAM_ID = /^[A-Za-z0-9._-]{1,64}$/;

interface Subscriber {
  queue: SubscriberQueue<GroundingEvent>;
  view: SubscriberView;
  onOverflow?(): void;
  overflowReported: boolean;
  labelPhrase?: ReadonlyMap<string, string>;
  filter?: LiveFilter;
  resolveEnd(event: GroundingEvent): void;
}

interface Stream {
  request: LiveStreamRequest;
  detector: Detector;
  plan: QueryPlan;
  state: StreamState;
  frames: number;
  ptsSec: number;
  framesDropped: number;
  reconnects: number;
  gaps: number;
  startedAt: Date;
  error?: EventError;
  subscribers: Set<Subscriber>;
  subscription?: Subscription;
  endEvent?: GroundingEvent;
  onEnd?(info: StreamInfo): void;
}

function viewOf(labelPhrase: ReadonlyMap<string, string> | undefined, filter: LiveFilter | undefined): SubscriberView {
  return {
    labelPhrase,
    labels: filter?.labels?.length ? new Set(filter.labels) : undefined,
    phrases: filter?.phrases?.length ? new Set(filter.phrases) : undefined,
  };
}

function errorOf(e: unknown): EventError {
  if (e instanceof GroundstreamError) return { code: e.code, message: e.message, input: e.input };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e), input: '' };
}

/**
 * Live streams over an engine: each stream is one decode (at the media's own rate) and one
 * detector run, published to every subscriber's queue. Publishing never waits for a subscriber:
 * each queue's policy decides what a slow one misses. The stream grounds every label; each
 * subscriber's query and filter choose its regions, so a session can change its query without
 * touching the stream or the other subscribers.
 *
 * @example
 * const live = createLiveStreams(core);
 * await live.start({ streamId: 'lobby', source: 'lobby.mp4', query: 'people', loop: true });
 * const sub = live.subscribe('lobby', { policy: { kind: 'latest' } });
 */
export function createLiveStreams(core: EngineCore, hooks: LiveStreamHooks = {}, now: () => Date = () => new Date()): LiveStreams {
  const streams = new Map<string, Stream>();

  const infoOf = (id: string, s: Stream): StreamInfo => ({
    streamId: id,
    source: s.request.source,
    query: s.plan,
    state: s.state,
    subscribers: s.subscribers.size,
    frames: s.frames,
    ptsSec: s.ptsSec,
    startedAt: s.startedAt.toISOString(),
    models: [{ id: s.detector.id, version: s.detector.version }],
    error: s.error,
    fps: s.request.fps ?? 0,
    loop: s.request.loop ?? false,
    framesDropped: s.framesDropped,
    reconnects: s.reconnects,
    gaps: s.gaps,
  });

  const publish = (s: Stream, event: GroundingEvent): void => {
    for (const sub of s.subscribers) {
      sub.queue.offer(event);
      if (sub.queue.overflowed && !sub.overflowReported) {
        sub.overflowReported = true;
        sub.onOverflow?.();
      }
    }
  };

  /** Ends a stream once: its work stops, subscribers get the end event. */
  const end = (id: string, s: Stream, state: StreamState, why: string, error?: EventError): void => {
    if (s.endEvent) return;
    s.state = state;
    s.error = error;
    s.subscription?.unsubscribe();
    s.endEvent = {
      ...eventEnvelope(EventKind.EVENT_KIND_STREAM_END, id, `${id}:end:0`, now),
      ptsSec: s.ptsSec,
      models: [{ id: s.detector.id, version: s.detector.version }],
      error,
      notes: [why],
    };
    for (const sub of s.subscribers) sub.resolveEnd(s.endEvent);
    s.subscribers.clear();
    for (const onEnd of [s.onEnd, hooks.onEnd]) {
      try {
        onEnd?.(infoOf(id, s));
      } catch {
        // a reporting hook must not break the stream it reports on
      }
    }
  };

  const streamOf = (id: string): Stream => {
    const s = streams.get(id);
    if (!s) throw new GroundstreamError('stream_not_found', id, `no live stream "${id}"; start it with StartStream (ListStreams lists the streams)`);
    return s;
  };

  return {
    async start(request, startOptions = {}) {
      const id = request.streamId;
      if (!STREAM_ID.test(id ?? '')) {
        throw new GroundstreamError('invalid_argument', id ?? '', `stream id "${id ?? ''}" must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '-'`);
      }
      if (!request.source) throw new GroundstreamError('invalid_argument', id, `stream "${id}": source is required`);
      const existing = streams.get(id);
      if (existing && (existing.state === StreamState.STREAM_STATE_RUNNING || existing.state === StreamState.STREAM_STATE_STARTING)) {
        throw new GroundstreamError('already_exists', id, `live stream "${id}" is already running (${existing.request.source}); stop it first or pick another id`);
      }
      const detector = await core.detector(request.model || undefined);
      const plan = core.groundableQuery(detector, request.query ?? '');
      const s: Stream = {
        request, detector, plan, state: StreamState.STREAM_STATE_STARTING, frames: 0, ptsSec: 0, framesDropped: 0, reconnects: 0, gaps: 0, startedAt: now(), subscribers: new Set(), onEnd: startOptions.onEnd,
      };
      streams.set(id, s);
      let opened!: () => void;
      let failed!: (e: unknown) => void;
      const ready = new Promise<void>((resolve, reject) => { opened = resolve; failed = reject; });
      const run = defer(() => groundVideoRequest(core, {
        source: request.source,
        query: '',
        fps: request.fps,
        scoreThreshold: request.scoreThreshold,
        model: request.model,
        streamId: id,
        temporal: request.temporal,
        live: true,
      }, { onInfo: () => { s.state = StreamState.STREAM_STATE_RUNNING; opened(); } }));
      s.subscription = (request.loop ? run.pipe(repeat()) : run).subscribe({
        next: (event) => {
          if (event.kind === EventKind.EVENT_KIND_FRAME) {
            s.frames += 1;
            s.ptsSec = event.ptsSec;
            s.framesDropped += event.live?.droppedFrames ?? 0;
            hooks.onFrame?.(id);
          } else if (event.kind === EventKind.EVENT_KIND_GAP) {
            s.gaps += 1;
            s.reconnects += event.gap?.reconnects ?? 0;
          }
          publish(s, event);
        },
        error: (e: unknown) => {
          if (s.state === StreamState.STREAM_STATE_STARTING) {
            if (streams.get(id) === s) streams.delete(id);
            failed(e);
            return;
          }
          end(id, s, StreamState.STREAM_STATE_FAILED, `the stream failed: ${e instanceof Error ? e.message : String(e)}`, errorOf(e));
        },
        complete: () => end(id, s, StreamState.STREAM_STATE_ENDED, 'the source ended'),
      });
      await ready;
      return infoOf(id, s);
    },

    async stop(streamId) {
      const s = streamOf(streamId);
      end(streamId, s, s.state === StreamState.STREAM_STATE_FAILED ? StreamState.STREAM_STATE_FAILED : StreamState.STREAM_STATE_ENDED, 'stopped by StopStream', s.error);
      streams.delete(streamId);
      return infoOf(streamId, s);
    },

    list() {
      return [...streams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, s]) => infoOf(id, s));
    },

    get(streamId) {
      return infoOf(streamId, streamOf(streamId));
    },

    subscribe(streamId, options) {
      const s = streamOf(streamId);
      if (s.endEvent) {
        throw new GroundstreamError('stream_not_found', streamId, `live stream "${streamId}" has ended (${s.endEvent.notes[0]}); start it again to subscribe`);
      }
      const queue = createSubscriberQueue<GroundingEvent>(options.policy);
      let resolveEnd!: (e: GroundingEvent) => void;
      const ended = new Promise<GroundingEvent>((resolve) => { resolveEnd = resolve; });
      const labelPhrase = s.plan.phrases.length ? toLabelPhraseMap(s.plan) : undefined;
      const sub: Subscriber = {
        queue, view: viewOf(labelPhrase, options.filter), labelPhrase, filter: options.filter, resolveEnd, onOverflow: options.onOverflow, overflowReported: false,
      };
      let query = s.plan;
      s.subscribers.add(sub);
      return {
        streamId,
        queue,
        ended,
        get query() { return query; },
        present: (event) => toSubscriberView(event, sub.view),
        setQuery(text) {
          const plan = core.groundableQuery(s.detector, text);
          query = plan;
          sub.labelPhrase = plan.phrases.length ? toLabelPhraseMap(plan) : undefined;
          sub.view = viewOf(sub.labelPhrase, sub.filter);
          return plan;
        },
        setFilter(filter) {
          sub.filter = filter;
          sub.view = viewOf(sub.labelPhrase, filter);
        },
        detach() {
          s.subscribers.delete(sub);
        },
      };
    },

    async close() {
      for (const [id, s] of streams) end(id, s, StreamState.STREAM_STATE_ENDED, 'the server is shutting down');
      streams.clear();
    },
  };
}
