import { GroundstreamError } from '../../core/errors';
import type { QueueEntry, SubscriberQueue } from './subscriber-queue';

/**
 * A transport with Node-style backpressure, e.g. a grpc-js server stream: `write` takes the entry
 * and returns false when the transport is full; `onDrain` registers a one-shot listener for the
 * next 'drain' (as `stream.once('drain', listener)`).
 */
export interface PumpSink<T> {
  write(entry: QueueEntry<T>): boolean;
  onDrain(listener: () => void): void;
}

/** A running pump; see {@link pumpToSink}. */
export interface Pump {
  /** Stops writing, at once and for good; a pending or later flushed() rejects. Idempotent. */
  stop(): void;
  /**
   * Resolves when the queue is empty and not waiting for drain. For the end of a stream: the
   * caller awaits it, then writes its final message and ends the call. It also writes a drop
   * notice held back by a paused queue, so drops are not silent at the end. Rejects when the pump
   * was stopped (GroundstreamError `failed_precondition`) or a write threw (that error).
   */
  flushed(): Promise<void>;
}

/**
 * Moves a subscriber queue's entries into a sink: whenever the queue is readable and the sink is
 * not blocked, writes entries in order until `write` returns false (then waits for one 'drain') or
 * the queue is empty. The queue absorbs the backpressure under its policy, so a slow client never
 * blocks the producer. At most one drain listener is pending at a time; the sink offers no way to
 * remove it, so one left pending after stop() does nothing when it fires.
 *
 * @example
 * const queue = createSubscriberQueue<GroundingEvent>({ kind: 'latest' });
 * const pump = pumpToSink(queue, { write: (e) => call.write(toMessage(e)), onDrain: (l) => call.once('drain', l) });
 * call.on('cancelled', () => pump.stop());
 * // at the end of the stream:
 * await pump.flushed();
 * call.write(endMessage);
 * call.end();
 */
export function pumpToSink<T>(queue: SubscriberQueue<T>, sink: PumpSink<T>): Pump {
  let stopped = false;
  let failure: { error: unknown } | undefined;
  // A write returned false: nothing more is written until the sink drains.
  let blocked = false;
  let drainPending = false;
  // Guards against re-entry: a write may synchronously make the queue readable again.
  let running = false;
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  const settle = (): void => {
    if (waiters.length === 0) return;
    if (stopped) {
      const error = failure !== undefined ? failure.error : stoppedError();
      const pending = waiters;
      waiters = [];
      for (const w of pending) w.reject(error);
      return;
    }
    // Outside a run and not blocked, the last run polled the queue dry.
    if (blocked || running) return;
    const pending = waiters;
    waiters = [];
    for (const w of pending) w.resolve();
  };

  const halt = (): void => {
    stopped = true;
    unsubscribe();
    settle();
  };

  const waitForDrain = (): void => {
    blocked = true;
    if (drainPending) return;
    drainPending = true;
    sink.onDrain(() => {
      drainPending = false;
      if (stopped) return;
      blocked = false;
      run();
    });
  };

  const run = (): void => {
    if (stopped || blocked || running) return;
    running = true;
    try {
      while (!stopped) {
        const entry = queue.poll();
        if (entry === undefined) break;
        if (!sink.write(entry)) {
          waitForDrain();
          break;
        }
      }
    } catch (error) {
      failure = { error };
      stopped = true;
    } finally {
      running = false;
    }
    if (stopped) halt();
    else settle();
  };

  const unsubscribe = queue.onReadable(run);
  run();

  return {
    stop(): void {
      if (stopped) return;
      halt();
    },
    flushed(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        // A notice held back while paused does not wake the pump: poll for it here.
        run();
        settle();
      });
    },
  };
}

function stoppedError(): GroundstreamError {
  return new GroundstreamError('failed_precondition', 'pump', 'the pump was stopped before its queue was flushed');
}
