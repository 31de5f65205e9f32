import assert from 'node:assert/strict';
import { Observable, range, Subject } from 'rxjs';
import { createStreamBridge, QueueOverflowError, type BridgeSink } from '../../../src/server/stream-bridge';

/** A sink that takes `capacity` items, then says it is full until `drain()`. */
function fakeSink(capacity: number) {
  const written: number[] = [];
  let room = capacity;
  let drainListener: (() => void) | undefined;
  const ends: ({ ok: true } | { ok: false; error: unknown })[] = [];
  const sink: BridgeSink<number> = {
    write(item) {
      written.push(item);
      room--;
      return room > 0;
    },
    onDrain(listener) {
      assert.equal(drainListener, undefined, 'one drain listener at a time');
      drainListener = listener;
    },
    end: () => ends.push({ ok: true }),
    fail: (error) => ends.push({ ok: false, error }),
  };
  return {
    sink,
    written,
    ends,
    drain(newRoom = capacity) {
      room = newRoom;
      const l = drainListener;
      drainListener = undefined;
      l?.();
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createStreamBridge', () => {
  it('writes every item and ends when the sink never fills', () => {
    const s = fakeSink(Infinity);
    const bridge = createStreamBridge(s.sink, { maxQueued: 2 });
    bridge.pipeFrom(range(0, 5));
    assert.deepEqual(s.written, [0, 1, 2, 3, 4]);
    assert.deepEqual(s.ends, [{ ok: true }]);
    assert.deepEqual(bridge.stats, { written: 5, maxQueued: 0 });
  });

  it('queues while the sink is full, flushes on drain, and ends only after the queue', () => {
    const s = fakeSink(2);
    const source = new Subject<number>();
    const bridge = createStreamBridge(s.sink, { maxQueued: 3 });
    bridge.pipeFrom(source);
    for (const i of [0, 1, 2, 3, 4]) source.next(i);
    source.complete();
    assert.deepEqual(s.written, [0, 1]);
    assert.deepEqual(s.ends, [], 'not ended while items wait');
    s.drain(2);
    assert.deepEqual(s.written, [0, 1, 2, 3]);
    assert.deepEqual(s.ends, []);
    s.drain(2);
    assert.deepEqual(s.written, [0, 1, 2, 3, 4]);
    assert.deepEqual(s.ends, [{ ok: true }]);
    assert.equal(bridge.stats.maxQueued, 3);
  });

  it('delivers queued items before a source error, then fails with it', () => {
    const s = fakeSink(1);
    const source = new Subject<number>();
    const bridge = createStreamBridge(s.sink, { maxQueued: 5 });
    bridge.pipeFrom(source);
    source.next(0);
    source.next(1);
    const boom = new Error('truncated');
    source.error(boom);
    assert.deepEqual(s.ends, []);
    s.drain(5);
    assert.deepEqual(s.written, [0, 1]);
    assert.deepEqual(s.ends, [{ ok: false, error: boom }]);
  });

  it('fails with QueueOverflowError instead of queueing past the limit, and unsubscribes', () => {
    const s = fakeSink(1);
    let tornDown = false;
    let emitted = 0;
    const source = new Observable<number>((subscriber) => {
      // Synchronous flood: the bridge must stop it from inside the loop.
      for (let i = 0; i < 1_000_000 && !subscriber.closed; i++) {
        emitted++;
        subscriber.next(i);
      }
      return () => { tornDown = true; };
    });
    const bridge = createStreamBridge(s.sink, { maxQueued: 4 });
    bridge.pipeFrom(source);
    assert.equal(tornDown, true);
    assert.equal(emitted, 6, 'one written, four queued, the sixth overflows');
    assert.equal(s.ends.length, 1);
    const end = s.ends[0];
    assert.ok(!end.ok && end.error instanceof QueueOverflowError);
    assert.equal(bridge.stats.maxQueued, 4);
    s.drain();
    assert.deepEqual(s.written, [0], 'queued items are dropped after a failure');
  });

  it('ready() resolves while the sink has room, waits for drain, and rejects on cancel', async () => {
    const s = fakeSink(1);
    const source = new Subject<number>();
    const bridge = createStreamBridge(s.sink, { maxQueued: 1 });
    bridge.pipeFrom(source);
    await bridge.ready();
    source.next(0);
    let resolved = false;
    const waiting = bridge.ready().then(() => { resolved = true; });
    await tick();
    assert.equal(resolved, false, 'waits while the sink is full');
    s.drain(1);
    await waiting;
    source.next(1);
    const reason = new Error('client went away');
    const rejected = assert.rejects(bridge.ready(), (e) => e === reason);
    bridge.cancel(reason);
    await rejected;
    await assert.rejects(bridge.ready(), (e) => e === reason);
    assert.equal(source.observed, false, 'unsubscribed');
    assert.deepEqual(s.ends, [], 'a cancelled stream is not ended: the transport is gone');
  });

  it('a producer that awaits ready() never queues', async () => {
    const s = fakeSink(2);
    const bridge = createStreamBridge(s.sink, { maxQueued: 0 });
    const source = new Observable<number>((subscriber) => {
      let stopped = false;
      (async () => {
        for (let i = 0; i < 20 && !stopped; i++) {
          await bridge.ready();
          subscriber.next(i);
        }
        subscriber.complete();
      })().catch(() => undefined);
      return () => { stopped = true; };
    });
    bridge.pipeFrom(source);
    for (let round = 0; round < 20 && s.ends.length === 0; round++) {
      await tick();
      s.drain(2);
    }
    assert.deepEqual(s.written, Array.from({ length: 20 }, (_, i) => i));
    assert.deepEqual(s.ends, [{ ok: true }]);
    assert.equal(bridge.stats.maxQueued, 0);
  });

  it('fails the stream when writing throws (e.g. an event that does not encode)', () => {
    const boom = new RangeError('bad wallTime');
    const ends: unknown[] = [];
    const bridge = createStreamBridge<number>({
      write: () => { throw boom; },
      onDrain: () => undefined,
      end: () => ends.push('end'),
      fail: (e) => ends.push(e),
    }, { maxQueued: 1 });
    bridge.pipeFrom(range(0, 3));
    assert.deepEqual(ends, [boom]);
  });
});
