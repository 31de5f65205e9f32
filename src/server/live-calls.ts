import * as grpc from '@grpc/grpc-js';
import { GroundstreamError } from '../core/errors';
import { BackpressurePolicy, EventKind, type GroundingEvent, type StreamInfo, type SubscriptionFilter, type TemporalOptions } from '../core/events';
import type { LiveStreams, LiveSubscription } from '../engine/live-streams';
import { eventEnvelope } from '../pipeline/event-envelope';
import { pumpToSink, type DropCount, type QueueEntry, type QueuePolicy } from '../pipeline/live';
import { toErrorStatus } from './error-status';
import { encodeEvent, encodeTimestamp, type GroundingEventMessage, type TimestampMessage } from './event-codec';

/** What live calls need from the server around them: who is calling, what they may use, what to count. */
export interface LiveCallContext {
  live: LiveStreams;
  /** The caller's principal; throws `unauthenticated` when the call carries no valid token. */
  principalOf(metadata: grpc.Metadata): string;
  /** Takes one unit of a principal's quota; returns its release. */
  acquire(principal: string, kind: 'stream' | 'subscription'): () => void;
  /** A client's source made safe to open (a real path under a served root, or an allowed URL). */
  checkSource(source: string): Promise<string>;
  /** Events written per method, events missed per reason, subscribers attached (for metrics). */
  onEventsWritten?(method: 'Subscribe' | 'Session', count: number): void;
  onEventsDropped?(reason: string, count: number): void;
  onSubscribersChanged?(delta: number): void;
  /** How a streaming call ended (for logs and metrics). */
  onCallEnd?(report: { method: 'Subscribe' | 'Session'; streamId: string; principal: string; code: grpc.status; written: number; missed: number }): void;
}

/** StreamInfo as proto-loader serializes it. */
type StreamInfoMessage = Omit<StreamInfo, 'startedAt'> & { startedAt?: TimestampMessage };

/** A subscription request as proto-loader deserializes it (enums as names). */
interface SubscribeRequestMessage {
  streamId?: string;
  filter?: SubscriptionFilter | null;
  policy?: BackpressurePolicy | string | number;
  bufferSize?: number;
}

interface SessionRequestMessage {
  commandId?: number;
  command?: 'attach' | 'setQuery' | 'setFilter' | 'pause' | 'resume';
  attach?: SubscribeRequestMessage | null;
  setQuery?: string;
  setFilter?: SubscriptionFilter | null;
}

const DEFAULT_BUFFER = 64;

function encodeStreamInfo(info: StreamInfo): StreamInfoMessage {
  const { startedAt, ...rest } = info;
  return { ...rest, ...(startedAt ? { startedAt: encodeTimestamp(startedAt) } : {}) };
}

/** The subscription's policy from its request: unspecified is DROP with 64 events. */
export function toQueuePolicy(message: SubscribeRequestMessage): QueuePolicy {
  const size = message.bufferSize || DEFAULT_BUFFER;
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new GroundstreamError('invalid_argument', 'buffer_size', `buffer_size ${size} must be 1 to 10000`);
  }
  switch (message.policy) {
    case BackpressurePolicy.BACKPRESSURE_POLICY_LATEST:
      return { kind: 'latest' };
    case BackpressurePolicy.BACKPRESSURE_POLICY_BUFFER:
      return { kind: 'buffer', size };
    case BackpressurePolicy.BACKPRESSURE_POLICY_DROP:
    case BackpressurePolicy.BACKPRESSURE_POLICY_UNSPECIFIED:
    case undefined:
    case '':
      return { kind: 'drop', size };
    default:
      throw new GroundstreamError('invalid_argument', 'policy', `unknown backpressure policy ${String(message.policy)}`);
  }
}

function fail(call: { emit(event: 'error', e: unknown): boolean }, error: unknown): grpc.status {
  const status = toErrorStatus(error);
  call.emit('error', status);
  return status.code;
}

/**
 * One subscriber's delivery: the queue pumped into the call (respecting `write() === false` and
 * 'drain'), drop notices as EVENT_KIND_DROPPED events, and at the stream's end the end event after
 * everything queued. `wrap` turns an event message into what the call writes (Session wraps it).
 */
function deliver(
  sub: LiveSubscription, call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>,
  wrap: (event: GroundingEventMessage) => unknown, counters: { written: number; missed: number }, ctx: LiveCallContext, method: 'Subscribe' | 'Session',
): { stop(): void; ended: Promise<void> } {
  let dropSeq = 0;
  const dropEvent = (d: DropCount): GroundingEvent => ({
    ...eventEnvelope(EventKind.EVENT_KIND_DROPPED, sub.streamId, `${sub.streamId}:dropped:${dropSeq++}`, () => new Date()),
    drops: { missed: d.missed, missedTotal: d.missedTotal, reason: d.reason },
  });
  const pump = pumpToSink(sub.queue, {
    write: (entry: QueueEntry<GroundingEvent>) => {
      if ('drops' in entry) {
        counters.missed += entry.drops.missed;
        ctx.onEventsDropped?.(entry.drops.reason, entry.drops.missed);
        return call.write(wrap(encodeEvent(dropEvent(entry.drops))));
      }
      const event = sub.present(entry.item);
      if (!event) return true; // nothing of it is for this subscriber
      counters.written += 1;
      ctx.onEventsWritten?.(method, 1);
      return call.write(wrap(encodeEvent(event)));
    },
    onDrain: (listener) => call.once('drain', listener),
  });
  let stopped = false;
  const ended = sub.ended.then(async (endEvent) => {
    try {
      await pump.flushed();
    } catch (e) {
      if (stopped) return; // the call ended first: nothing more to write
      throw e;
    }
    if (stopped) return;
    call.write(wrap(encodeEvent(endEvent)));
  });
  return {
    stop() {
      stopped = true;
      pump.stop();
    },
    ended,
  };
}

/**
 * The live-stream RPCs (StartStream, StopStream, ListStreams, Subscribe, Session) over an engine's
 * live streams. Handlers stay thin: they check the caller, decode, call the engine, encode.
 */
export function createLiveCalls(ctx: LiveCallContext) {
  /** Runs a unary handler, mapping a thrown error to its status. */
  const unary = <Req, Res>(handle: (request: Req, principal: string) => Promise<Res>) =>
    (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>): void => {
      (async () => handle(call.request, ctx.principalOf(call.metadata)))().then(
        (response) => callback(null, response),
        (error: unknown) => callback(toErrorStatus(error) as grpc.ServiceError),
      );
    };

  const startStream = unary(async (request: {
    streamId?: string; source?: string; query?: string; fps?: number; scoreThreshold?: number; model?: string; loop?: boolean; temporal?: TemporalOptions | null;
  }, principal) => {
    if (!request.source) throw new GroundstreamError('invalid_argument', request.streamId ?? '', 'source is required');
    const source = await ctx.checkSource(request.source);
    const release = ctx.acquire(principal, 'stream');
    try {
      return encodeStreamInfo(await ctx.live.start({
        streamId: request.streamId ?? '',
        source,
        query: request.query,
        fps: request.fps || undefined,
        scoreThreshold: request.scoreThreshold || undefined,
        model: request.model || undefined,
        loop: request.loop,
        temporal: request.temporal ?? undefined,
      }, { onEnd: release }));
    } catch (e) {
      release();
      throw e;
    }
  });

  const stopStream = unary(async (request: { streamId?: string }) => encodeStreamInfo(await ctx.live.stop(request.streamId ?? '')));
  const listStreams = unary(async () => ({ streams: ctx.live.list().map(encodeStreamInfo) }));

  /** Attaches a subscriber with its quota; the returned release detaches and gives the quota back, once. */
  const attach = (message: SubscribeRequestMessage, principal: string, onOverflow: () => void): { sub: LiveSubscription; release: () => void } => {
    const policy = toQueuePolicy(message);
    const releaseQuota = ctx.acquire(principal, 'subscription');
    try {
      const sub = ctx.live.subscribe(message.streamId ?? '', { policy, filter: message.filter ?? undefined, onOverflow });
      ctx.onSubscribersChanged?.(1);
      let released = false;
      return {
        sub,
        release: () => {
          if (released) return;
          released = true;
          sub.detach();
          releaseQuota();
          ctx.onSubscribersChanged?.(-1);
        },
      };
    } catch (e) {
      releaseQuota();
      throw e;
    }
  };

  function subscribe(call: grpc.ServerWritableStream<SubscribeRequestMessage, GroundingEventMessage>): void {
    const counters = { written: 0, missed: 0 };
    const streamId = call.request?.streamId ?? '';
    let principal = '';
    let done = false;
    let cleanup = (): void => undefined;
    const finish = (code: grpc.status): void => {
      if (done) return;
      done = true;
      cleanup();
      ctx.onCallEnd?.({ method: 'Subscribe', streamId, principal, code, ...counters });
    };
    try {
      principal = ctx.principalOf(call.metadata);
      let delivery: { stop(): void; ended: Promise<void> } | undefined;
      const { sub, release } = attach(call.request ?? {}, principal, () => {
        // BUFFER overflowed: what is already written stays delivered, then the status
        finish(fail(call, new GroundstreamError('resource_exhausted', streamId,
          `subscriber of "${streamId}" fell more than its buffer of ${call.request?.bufferSize || DEFAULT_BUFFER} events behind (policy BUFFER); read faster, or subscribe with LATEST or DROP`)));
      });
      cleanup = () => {
        delivery?.stop();
        release();
      };
      delivery = deliver(sub, call as grpc.ServerWritableStream<unknown, unknown>, (m) => m, counters, ctx, 'Subscribe');
      call.once('cancelled', () => finish(grpc.status.CANCELLED));
      delivery.ended.then(() => {
        if (done) return;
        call.end();
        finish(grpc.status.OK);
      }, (e: unknown) => finish(fail(call, e)));
    } catch (e) {
      finish(fail(call, e));
    }
  }

  function session(call: grpc.ServerDuplexStream<SessionRequestMessage, unknown>): void {
    const counters = { written: 0, missed: 0 };
    let principal = '';
    let streamId = '';
    let attached: { sub: LiveSubscription; release: () => void; delivery: { stop(): void; ended: Promise<void> } } | undefined;
    let done = false;
    const finish = (code: grpc.status): void => {
      if (done) return;
      done = true;
      attached?.delivery.stop();
      attached?.release();
      ctx.onCallEnd?.({ method: 'Session', streamId, principal, code, ...counters });
    };
    const ack = (commandId: number, command: string, fields: Record<string, unknown>): void => {
      if (done) return;
      call.write({
        ack: {
          commandId, command, ok: true, paused: attached?.sub.queue.paused ?? false,
          query: attached?.sub.query, stream: attached ? encodeStreamInfo(ctx.live.get(streamId)) : undefined, ...fields,
        },
      });
    };
    const refuse = (commandId: number, command: string, error: unknown): void => {
      const status = toErrorStatus(error);
      const code = error instanceof GroundstreamError ? error.code : grpc.status[status.code];
      ack(commandId, command, { ok: false, error: { code, message: status.details, input: error instanceof GroundstreamError ? error.input : '' } });
    };

    const handle = (message: SessionRequestMessage): void => {
      const commandId = message.commandId ?? 0;
      const command = message.command;
      if (!attached) {
        if (command !== 'attach' || !message.attach) {
          finish(fail(call, new GroundstreamError('failed_precondition', 'session', `a session must attach to a stream first (got ${command ?? 'an empty command'})`)));
          return;
        }
        streamId = message.attach.streamId ?? '';
        const a = attach(message.attach, principal, () => {
          finish(fail(call, new GroundstreamError('resource_exhausted', streamId, `session on "${streamId}" fell more than its buffer behind (policy BUFFER)`)));
        });
        const delivery = deliver(a.sub, call as grpc.ServerDuplexStream<unknown, unknown>, (event) => ({ event }), counters, ctx, 'Session');
        attached = { ...a, delivery };
        ack(commandId, 'attach', {});
        delivery.ended.then(() => {
          if (done) return;
          call.end();
          finish(grpc.status.OK);
        }, (e: unknown) => finish(fail(call, e)));
        return;
      }
      const sub = attached.sub;
      try {
        switch (command) {
          case 'setQuery':
            sub.setQuery(message.setQuery ?? '');
            ack(commandId, 'set_query', {});
            break;
          case 'setFilter':
            sub.setFilter(message.setFilter ?? undefined);
            ack(commandId, 'set_filter', {});
            break;
          case 'pause':
            sub.queue.pause();
            ack(commandId, 'pause', {});
            break;
          case 'resume':
            sub.queue.resume();
            ack(commandId, 'resume', {});
            break;
          default:
            throw new GroundstreamError('invalid_argument', 'session', command === 'attach' ? 'this session is already attached' : 'an empty command');
        }
      } catch (e) {
        refuse(commandId, command === 'setQuery' ? 'set_query' : command === 'setFilter' ? 'set_filter' : command ?? '', e);
      }
    };

    try {
      principal = ctx.principalOf(call.metadata);
    } catch (e) {
      finish(fail(call, e));
      return;
    }
    call.on('data', (message: SessionRequestMessage) => {
      if (done) return;
      try {
        handle(message);
      } catch (e) {
        finish(fail(call, e));
      }
    });
    // The client half-closed: no more commands, but the attached stream's events go on until the
    // stream ends or the client cancels (a client like buf curl sends its commands, then closes).
    call.on('end', () => {
      if (done || attached) return;
      call.end();
      finish(grpc.status.OK);
    });
    call.once('cancelled', () => finish(grpc.status.CANCELLED));
  }

  return {
    StartStream: startStream,
    StopStream: stopStream,
    ListStreams: listStreams,
    Subscribe: subscribe,
    Session: session,
  };
}
