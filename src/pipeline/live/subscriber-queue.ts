import { GroundstreamError } from '../../core/errors';

/**
 * What a subscriber misses when it reads more slowly than events come (the proto's
 * BackpressurePolicy): `latest` keeps only the newest waiting item, `drop` drops new items while
 * `size` wait, `buffer` overflows (and the caller ends the subscription) when `size` wait.
 */
export type QueuePolicy = { kind: 'latest' } | { kind: 'drop'; size: number } | { kind: 'buffer'; size: number };

/**
 * Items a subscriber missed, as the proto's DropNotice: `missed` since the previous notice,
 * `missedTotal` since the queue was created (the sum of `missed` over this and every earlier
 * notice), and `reason`: "latest", "drop" or "paused", or several of them joined by "," in the
 * order they first happened since the previous notice (e.g. "latest,paused").
 */
export interface DropCount {
  missed: number;
  missedTotal: number;
  reason: string;
}

/** One thing to deliver: an item, or a notice of the items missed just before this point. */
export type QueueEntry<T> = { item: T } | { drops: DropCount };

/**
 * The per-subscriber queue between one producer and one slow consumer. The producer offers every
 * item and is never blocked or slowed: the policy decides what waits and what is missed; misses are
 * counted and handed to the consumer as drop notices, so they are never silent.
 */
export interface SubscriberQueue<T> {
  /** Adds an item, or counts it as missed under the policy. Never throws, never blocks. */
  offer(item: T): void;
  /**
   * The next entry, or undefined when there is nothing to poll. A drop notice comes where its
   * items went missing: before the first item accepted after them (so the gap shows in the
   * consumer's stream where it happened), or after the last waiting item when no item came since.
   */
  poll(): QueueEntry<T> | undefined;
  /** Items waiting (drop notices not counted). */
  readonly size: number;
  /** A `buffer` policy overflowed: the caller ends the subscription (RESOURCE_EXHAUSTED); later offers are ignored. */
  readonly overflowed: boolean;
  readonly paused: boolean;
  /** Offers from now on are counted as missed with reason "paused"; items already waiting stay pollable. */
  pause(): void;
  /** Offers are queued again; a notice of what was missed while paused becomes readable. */
  resume(): void;
  /**
   * Called (synchronously, once per transition) when the queue goes from nothing-to-poll to
   * something-to-poll. Drops counted while paused do not call it (a paused subscriber gets one
   * notice for the whole pause, not one per missed item): resume() does, though poll() returns
   * that notice to whoever asks before. A listener that throws cannot break offer(): its error is
   * rethrown on a microtask.
   */
  onReadable(listener: () => void): () => void;
  /**
   * Counters since creation: `offered` counts every offer (also those ignored after an overflow),
   * `delivered` the items polled, `missedTotal` the items missed (notified or not yet),
   * `maxSize` the most items that ever waited. While not overflowed,
   * offered = delivered + missedTotal + size.
   */
  readonly stats: Readonly<{ offered: number; delivered: number; missedTotal: number; maxSize: number }>;
}

/** Misses between two delivered points of the stream. */
interface Gap {
  missed: number;
  /** Distinct reasons in first-seen order (at most three, so a gap's memory is bounded). */
  reasons: string[];
}

interface Slot<T> {
  item: T;
  /** Misses just before this item, notified before it is delivered. */
  gap: Gap | undefined;
}

const MAX_POLICY_SIZE = 10_000;
/** Consumed slots kept before the array is compacted; keeps poll() amortised O(1). */
const COMPACT_AFTER = 1024;

function capacityOf(policy: QueuePolicy): number {
  const kind = (policy as { kind?: unknown } | undefined)?.kind;
  if (kind === 'latest') return 1;
  if (kind !== 'drop' && kind !== 'buffer') throw new GroundstreamError('invalid_argument', 'policy', `unknown backpressure policy ${JSON.stringify(kind)}: expected "latest", "drop" or "buffer"`);
  const size = (policy as { size?: unknown }).size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_POLICY_SIZE) {
    throw new GroundstreamError('invalid_argument', 'policy', `${kind} policy size must be an integer from 1 to ${MAX_POLICY_SIZE}, got ${String(size)}`);
  }
  return size;
}

function addMiss(gap: Gap | undefined, reason: string): Gap {
  if (gap === undefined) return { missed: 1, reasons: [reason] };
  gap.missed++;
  if (!gap.reasons.includes(reason)) gap.reasons.push(reason);
  return gap;
}

function mergeGaps(first: Gap | undefined, then: Gap | undefined): Gap | undefined {
  if (first === undefined) return then;
  if (then === undefined) return first;
  const reasons = [...first.reasons];
  for (const r of then.reasons) if (!reasons.includes(r)) reasons.push(r);
  return { missed: first.missed + then.missed, reasons };
}

/**
 * Creates one subscriber's queue. Memory stays bounded by the policy size whatever the producer
 * does; all state lives in the returned instance.
 *
 * @throws GroundstreamError `invalid_argument` (input "policy") for an unknown kind or a size that is not an integer from 1 to 10000.
 * @example
 * const queue = createSubscriberQueue<GroundingEvent>({ kind: 'drop', size: 64 });
 * hub.on('event', (e) => queue.offer(e));         // never blocks the producer
 * queue.onReadable(() => { for (let e = queue.poll(); e; e = queue.poll()) send(e); });
 */
export function createSubscriberQueue<T>(policy: QueuePolicy): SubscriberQueue<T> {
  const capacity = capacityOf(policy);
  const kind = policy.kind;
  // Waiting items are slots[head..]; consumed slots before head are cleared and compacted away.
  const slots: (Slot<T> | undefined)[] = [];
  let head = 0;
  // Misses after the newest waiting item (or with no item waiting).
  let trailing: Gap | undefined;
  let paused = false;
  let overflowed = false;
  // True when the consumer has seen the queue with nothing to poll: the next entry is a transition.
  let armed = true;
  let notifiedTotal = 0;
  const listeners = new Set<{ fn: () => void }>();
  const counts = { offered: 0, delivered: 0, missedTotal: 0, maxSize: 0 };

  const size = (): number => slots.length - head;
  const readable = (): boolean => size() > 0 || trailing !== undefined;

  const notify = (): void => {
    if (!armed || !readable()) return;
    armed = false;
    for (const listener of [...listeners]) {
      if (!listeners.has(listener)) continue; // unsubscribed by an earlier listener
      try {
        listener.fn();
      } catch (e) {
        // The producer must never see a subscriber's failure; the failure must not vanish either.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  };

  const miss = (reason: string): void => {
    trailing = addMiss(trailing, reason);
    counts.missedTotal++;
  };

  const notice = (gap: Gap): { drops: DropCount } => {
    notifiedTotal += gap.missed;
    return { drops: { missed: gap.missed, missedTotal: notifiedTotal, reason: gap.reasons.join(',') } };
  };

  const compact = (): void => {
    if (head === slots.length) {
      slots.length = 0;
      head = 0;
    } else if (head >= COMPACT_AFTER && head * 2 >= slots.length) {
      slots.splice(0, head);
      head = 0;
    }
  };

  return {
    offer(item: T): void {
      counts.offered++;
      if (overflowed) return;
      if (paused) {
        miss('paused'); // no notify: one notice per pause, readable again on resume()
        return;
      }
      const waiting = size();
      if (kind === 'latest' && waiting === 1) {
        const replaced = slots[head]!;
        counts.missedTotal++;
        // Misses before the replaced item, then those after it, then the item itself, in the order they happened.
        const gap = addMiss(mergeGaps(replaced.gap, trailing), 'latest');
        slots[head] = { item, gap };
        trailing = undefined;
        return; // still readable: no transition
      }
      if (waiting >= capacity) {
        if (kind === 'drop') miss('drop');
        else overflowed = true;
        return; // full means already readable: no transition
      }
      slots.push({ item, gap: trailing });
      trailing = undefined;
      if (waiting + 1 > counts.maxSize) counts.maxSize = waiting + 1;
      notify();
    },

    poll(): QueueEntry<T> | undefined {
      if (head < slots.length) {
        const slot = slots[head]!;
        if (slot.gap !== undefined) {
          const gap = slot.gap;
          slot.gap = undefined;
          return notice(gap);
        }
        slots[head] = undefined;
        head++;
        compact();
        counts.delivered++;
        if (!readable()) armed = true;
        return { item: slot.item };
      }
      armed = true;
      if (trailing === undefined) return undefined;
      const gap = trailing;
      trailing = undefined;
      return notice(gap);
    },

    get size() {
      return size();
    },
    get overflowed() {
      return overflowed;
    },
    get paused() {
      return paused;
    },

    pause(): void {
      paused = true;
    },

    resume(): void {
      if (!paused) return;
      paused = false;
      notify();
    },

    onReadable(listener: () => void): () => void {
      const entry = { fn: listener };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },

    get stats() {
      return { ...counts };
    },
  };
}
