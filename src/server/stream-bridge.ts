import { Observable, Subject, takeUntil } from 'rxjs';

/**
 * The call failed because its handler produced events faster than the client read them and
 * ignored {@link StreamBridge.ready}: the bridge refuses to buffer without bound.
 */
export class QueueOverflowError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`the client reads events more slowly than they are produced, and more than ${limit} were waiting; read faster or ask for fewer frames (fps)`);
    this.name = 'QueueOverflowError';
    this.limit = limit;
  }
}

/** Where a bridge writes: a transport stream that says when it is full (a gRPC server stream). */
export interface BridgeSink<T> {
  /** Hands over one item; false means the transport is full: wait for `onDrain` before writing again. */
  write(item: T): boolean;
  /** Calls `listener` once, when the transport can take more after `write` returned false. */
  onDrain(listener: () => void): void;
  /** Ends the stream successfully after what was written. */
  end(): void;
  /** Ends the stream with `error` after what was written. */
  fail(error: unknown): void;
}

/** What a bridge did, for logs and tests. */
export interface StreamBridgeStats {
  /** Items handed to the sink. */
  written: number;
  /** Most items ever waiting in the bridge's own queue (never above the limit). */
  maxQueued: number;
}

/** Moves an Observable's items into a sink that applies backpressure. */
export interface StreamBridge<T> {
  /**
   * Resolves when the sink can take an item now; rejects once the stream is over (cancelled,
   * failed, finished). A producer that awaits it before making each item never fills the queue.
   */
  ready(): Promise<void>;
  /** Subscribes to `source` and writes its items, then its completion or error, to the sink. */
  pipeFrom(source: Observable<T>): void;
  /** Stops: unsubscribes the source, drops what is queued, rejects pending `ready()` calls with `reason`. */
  cancel(reason: unknown): void;
  readonly stats: Readonly<StreamBridgeStats>;
}

/** Options of {@link createStreamBridge}. */
export interface StreamBridgeOptions {
  /** Items that may wait for the sink to drain before the stream fails with {@link QueueOverflowError}. */
  maxQueued: number;
}

/**
 * Bridges a push source (an Observable) to a pull-paced sink (a Writable whose `write()` returns
 * false until 'drain'). An Observable cannot be paused, so pacing is cooperative: producers await
 * `ready()` before making the next item (e.g. before decoding the next frame). Items that still
 * arrive while the sink is full wait in a queue of at most `maxQueued`; one more fails the stream
 * with {@link QueueOverflowError} rather than letting memory grow with a slow client.
 */
export function createStreamBridge<T>(sink: BridgeSink<T>, options: StreamBridgeOptions): StreamBridge<T> {
  const { maxQueued } = options;
  if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError(`maxQueued must be a non-negative integer, got ${maxQueued}`);
  const queue: T[] = [];
  const stats: StreamBridgeStats = { written: 0, maxQueued: 0 };
  const stop$ = new Subject<void>();
  let waiters: { resolve: () => void; reject: (reason: unknown) => void }[] = [];
  let writable = true;
  let closed = false;
  let closeReason: unknown;
  // The source's end, held back until the queue has been written.
  let ending: { failed: false } | { failed: true; error: unknown } | undefined;

  const settleWaiters = (reason?: { error: unknown }): void => {
    const settled = waiters;
    waiters = [];
    for (const w of settled) {
      if (reason) w.reject(reason.error);
      else w.resolve();
    }
  };

  const close = (reason: unknown): void => {
    closed = true;
    closeReason = reason;
    queue.length = 0;
    // takeUntil unsubscribes at once, even from a source that is emitting synchronously.
    stop$.next();
    stop$.complete();
    settleWaiters({ error: reason });
  };

  const fail = (error: unknown): void => {
    if (closed) return;
    close(error);
    sink.fail(error);
  };

  const finish = (): void => {
    const end = ending!;
    close(end.failed ? end.error : new Error('the stream has ended'));
    if (end.failed) sink.fail(end.error);
    else sink.end();
  };

  const send = (item: T): void => {
    stats.written++;
    writable = sink.write(item);
    if (!writable) sink.onDrain(onDrain);
  };

  function onDrain(): void {
    if (closed) return;
    try {
      writable = true;
      while (queue.length > 0 && writable) send(queue.shift()!);
      if (queue.length > 0) return;
      if (ending) finish();
      else if (writable) settleWaiters();
    } catch (e) {
      fail(e);
    }
  }

  const onEnd = (end: NonNullable<typeof ending>): void => {
    if (closed) return;
    ending = end;
    // The sink keeps what it already accepted and ends after it, so only our own queue must empty first.
    if (queue.length === 0) finish();
  };

  return {
    stats,
    ready() {
      if (closed) return Promise.reject(closeReason);
      if (writable && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    pipeFrom(source) {
      if (closed) return;
      source.pipe(takeUntil(stop$)).subscribe({
        next(item) {
          if (closed) return;
          try {
            if (writable && queue.length === 0) send(item);
            else if (queue.length >= maxQueued) fail(new QueueOverflowError(maxQueued));
            else {
              queue.push(item);
              if (queue.length > stats.maxQueued) stats.maxQueued = queue.length;
            }
          } catch (e) {
            // e.g. an event that does not encode; thrown here it would escape RxJS as an unhandled error.
            fail(e);
          }
        },
        error: (error: unknown) => onEnd({ failed: true, error }),
        complete: () => onEnd({ failed: false }),
      });
    },
    cancel(reason) {
      if (!closed) close(reason);
    },
  };
}
