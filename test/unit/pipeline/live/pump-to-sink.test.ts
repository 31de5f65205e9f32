import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { pumpToSink, type PumpSink } from '../../../../src/pipeline/live/pump-to-sink';
import { createSubscriberQueue, type QueueEntry } from '../../../../src/pipeline/live/subscriber-queue';

/**
 * A sink like a grpc-js server stream: it takes every write, but write() returns false once
 * `room` writes are buffered, until drain() empties it and emits 'drain' to one-shot listeners.
 */
class FakeSink<T> implements PumpSink<T> {
  readonly written: QueueEntry<T>[] = [];
  drainListeners: (() => void)[] = [];
  maxDrainListeners = 0;
  buffered = 0;
  failWith: Error | undefined;

  constructor(private room: number) {}

  write(entry: QueueEntry<T>): boolean {
    if (this.failWith) throw this.failWith;
    this.written.push(entry);
    this.buffered++;
    return this.buffered < this.room;
  }

  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
    this.maxDrainListeners = Math.max(this.maxDrainListeners, this.drainListeners.length);
  }

  /** The transport sent what it buffered: emits 'drain' (only while someone waits, as Node does after a false write). */
  drain(room = this.room): void {
    this.room = room;
    this.buffered = 0;
    const listeners = this.drainListeners;
    this.drainListeners = [];
    for (const l of listeners) l();
  }

  get items(): T[] {
    return this.written.flatMap((e) => ('item' in e ? [e.item] : []));
  }
}

const tick = () => new Promise((r) => setImmediate(r));

/** Settles to 'resolved', 'rejected' or 'pending' after the microtasks run. */
async function state(p: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let s: 'resolved' | 'rejected' | 'pending' = 'pending';
  p.then(
    () => (s = 'resolved'),
    () => (s = 'rejected'),
  );
  await tick();
  return s;
}

describe('pumpToSink', () => {
  it('writes what is already waiting, then each item as it is offered, in order', () => {
    const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 8 });
    queue.offer(1);
    queue.offer(2);
    const sink = new FakeSink<number>(Infinity);
    pumpToSink(queue, sink);
    assert.deepEqual(sink.items, [1, 2]);
    queue.offer(3);
    assert.deepEqual(sink.written, [{ item: 1 }, { item: 2 }, { item: 3 }]);
    assert.equal(sink.maxDrainListeners, 0);
  });

  it('stops at a false write, waits for one drain, and keeps the order', () => {
    const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 100 });
    const sink = new FakeSink<number>(3);
    pumpToSink(queue, sink);
    for (let i = 1; i <= 10; i++) queue.offer(i);
    assert.deepEqual(sink.items, [1, 2, 3], 'the third write returned false');
    assert.equal(queue.size, 7);
    assert.equal(sink.drainListeners.length, 1);
    sink.drain();
    assert.deepEqual(sink.items, [1, 2, 3, 4, 5, 6]);
    for (let i = 11; i <= 20; i++) queue.offer(i); // while blocked: queued, no new listener
    assert.equal(sink.drainListeners.length, 1);
    while (sink.drainListeners.length > 0) sink.drain();
    assert.deepEqual(sink.items, Array.from({ length: 20 }, (_, i) => i + 1));
    assert.equal(sink.maxDrainListeners, 1, 'never more than one drain listener pending');
    assert.equal(queue.size, 0);
  });

  it('a slow sink makes the queue drop (not the producer wait), and the notice is written in place', () => {
    const queue = createSubscriberQueue<number>({ kind: 'drop', size: 2 });
    const sink = new FakeSink<number>(1);
    pumpToSink(queue, sink);
    for (let i = 1; i <= 6; i++) queue.offer(i); // 1 written (blocked), 2 and 3 wait, 4..6 dropped
    assert.deepEqual(sink.written, [{ item: 1 }]);
    sink.drain(Infinity);
    queue.offer(7);
    assert.deepEqual(sink.written, [{ item: 1 }, { item: 2 }, { item: 3 }, { drops: { missed: 3, missedTotal: 3, reason: 'drop' } }, { item: 7 }]);
  });

  it('latest: a client blocked for a while gets a notice and the newest item', () => {
    const queue = createSubscriberQueue<number>({ kind: 'latest' });
    const sink = new FakeSink<number>(1);
    pumpToSink(queue, sink);
    for (let i = 1; i <= 50; i++) queue.offer(i);
    sink.drain(Infinity);
    assert.deepEqual(sink.written, [{ item: 1 }, { drops: { missed: 48, missedTotal: 48, reason: 'latest' } }, { item: 50 }]);
  });

  describe('stop()', () => {
    it('never writes after stop, whatever is offered or drained', () => {
      const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 100 });
      const sink = new FakeSink<number>(2);
      const pump = pumpToSink(queue, sink);
      for (let i = 1; i <= 5; i++) queue.offer(i);
      assert.deepEqual(sink.items, [1, 2]);
      pump.stop();
      sink.drain(Infinity);
      for (let i = 6; i <= 8; i++) queue.offer(i);
      assert.deepEqual(sink.items, [1, 2]);
      assert.equal(queue.size, 6, 'what was not written stays in the queue');
      pump.stop(); // idempotent
    });

    it('stops from inside a write: nothing more is polled or written', () => {
      const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 100 });
      const written: QueueEntry<number>[] = [];
      let drain = () => undefined as void;
      const sink: PumpSink<number> = {
        write: (e) => {
          written.push(e);
          if (written.length === 3) pump.stop();
          return written.length > 1; // the first write blocks, so 2..5 wait together
        },
        onDrain: (listener) => {
          drain = listener;
        },
      };
      const pump = pumpToSink(queue, sink);
      for (let i = 1; i <= 5; i++) queue.offer(i);
      assert.deepEqual(written, [{ item: 1 }]);
      drain();
      assert.deepEqual(written, [{ item: 1 }, { item: 2 }, { item: 3 }]);
      assert.equal(queue.size, 2, 'nothing polled after stop');
    });

    it('rejects a pending flushed() and any later one', async () => {
      const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 100 });
      const sink = new FakeSink<number>(1);
      const pump = pumpToSink(queue, sink);
      queue.offer(1);
      const flushed = pump.flushed();
      assert.equal(await state(flushed), 'pending');
      pump.stop();
      await assert.rejects(flushed, (e) => isGroundstreamError(e, 'failed_precondition'));
      await assert.rejects(pump.flushed(), (e) => isGroundstreamError(e, 'failed_precondition'));
    });
  });

  describe('flushed()', () => {
    it('resolves at once when nothing waits and the sink is not blocked', async () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      const sink = new FakeSink<number>(Infinity);
      const pump = pumpToSink(queue, sink);
      queue.offer(1);
      assert.equal(await state(pump.flushed()), 'resolved');
    });

    it('waits for the drain after the last write, then resolves with everything written', async () => {
      const queue = createSubscriberQueue<number>({ kind: 'drop', size: 2 });
      const sink = new FakeSink<number>(1);
      const pump = pumpToSink(queue, sink);
      for (let i = 1; i <= 4; i++) queue.offer(i); // 1 written, 2 and 3 wait, 4 dropped
      const flushed = pump.flushed();
      assert.equal(await state(flushed), 'pending');
      sink.drain(); // writes 2, blocked again
      assert.equal(await state(flushed), 'pending');
      sink.drain(); // writes 3
      sink.drain(); // writes the notice
      assert.equal(await state(flushed), 'pending', 'the notice was written by a false write: wait for its drain');
      sink.drain();
      assert.equal(await state(flushed), 'resolved');
      assert.deepEqual(sink.written, [{ item: 1 }, { item: 2 }, { item: 3 }, { drops: { missed: 1, missedTotal: 1, reason: 'drop' } }]);
      assert.equal(sink.maxDrainListeners, 1);
    });

    it('writes the notice a paused queue held back, so drops are not silent at the end', async () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      const sink = new FakeSink<number>(Infinity);
      const pump = pumpToSink(queue, sink);
      queue.offer(1);
      queue.pause();
      for (let i = 2; i <= 9; i++) queue.offer(i);
      assert.deepEqual(sink.written, [{ item: 1 }], 'a paused subscriber is not sent a notice per missed event');
      await pump.flushed();
      assert.deepEqual(sink.written, [{ item: 1 }, { drops: { missed: 8, missedTotal: 8, reason: 'paused' } }]);
    });

    it('after resume, the notice of the pause comes at once', () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      const sink = new FakeSink<number>(Infinity);
      pumpToSink(queue, sink);
      queue.pause();
      queue.offer(1);
      queue.offer(2);
      assert.deepEqual(sink.written, []);
      queue.resume();
      assert.deepEqual(sink.written, [{ drops: { missed: 2, missedTotal: 2, reason: 'paused' } }]);
      queue.offer(3);
      assert.deepEqual(sink.items, [3]);
    });
  });

  it('a write that throws stops the pump; flushed() rejects with that error', async () => {
    const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 10 });
    const sink = new FakeSink<number>(Infinity);
    const pump = pumpToSink(queue, sink);
    queue.offer(1);
    const broken = new Error('stream destroyed');
    sink.failWith = broken;
    assert.doesNotThrow(() => queue.offer(2), 'the producer never sees a sink failure');
    sink.failWith = undefined;
    queue.offer(3);
    assert.deepEqual(sink.items, [1]);
    await assert.rejects(pump.flushed(), (e) => e === broken);
  });
});
