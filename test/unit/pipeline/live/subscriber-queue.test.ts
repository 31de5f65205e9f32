import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createSubscriberQueue, type QueueEntry, type QueuePolicy, type SubscriberQueue } from '../../../../src/pipeline/live/subscriber-queue';

/** Everything the queue has to poll now, in order. */
function drain<T>(queue: SubscriberQueue<T>): QueueEntry<T>[] {
  const out: QueueEntry<T>[] = [];
  for (let e = queue.poll(); e !== undefined; e = queue.poll()) out.push(e);
  return out;
}

const offerAll = <T>(queue: SubscriberQueue<T>, items: Iterable<T>) => {
  for (const item of items) queue.offer(item);
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const items = (...values: number[]) => values.map((item) => ({ item }));
const drops = (missed: number, missedTotal: number, reason: string) => ({ drops: { missed, missedTotal, reason } });

describe('createSubscriberQueue', () => {
  describe('with a fast producer and a consumer that polls late', () => {
    const cases: { policy: QueuePolicy; offered: number; expected: QueueEntry<number>[]; size: number; overflowed: boolean; stats: object }[] = [
      {
        policy: { kind: 'latest' },
        offered: 10,
        expected: [drops(9, 9, 'latest'), ...items(10)],
        size: 1,
        overflowed: false,
        stats: { offered: 10, delivered: 1, missedTotal: 9, maxSize: 1 },
      },
      {
        policy: { kind: 'drop', size: 3 },
        offered: 10,
        expected: [...items(1, 2, 3), drops(7, 7, 'drop')],
        size: 3,
        overflowed: false,
        stats: { offered: 10, delivered: 3, missedTotal: 7, maxSize: 3 },
      },
      {
        policy: { kind: 'buffer', size: 3 },
        offered: 10,
        expected: items(1, 2, 3),
        size: 3,
        overflowed: true,
        stats: { offered: 10, delivered: 3, missedTotal: 0, maxSize: 3 },
      },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.policy)}: ${c.offered} offers give ${JSON.stringify(c.expected)}`, () => {
        const queue = createSubscriberQueue<number>(c.policy);
        offerAll(queue, range(1, c.offered));
        assert.equal(queue.size, c.size);
        assert.equal(queue.overflowed, c.overflowed);
        assert.deepEqual(drain(queue), c.expected);
        assert.equal(queue.size, 0);
        assert.deepEqual(queue.stats, c.stats);
      });
    }
  });

  it('latest: a consumer that keeps up misses nothing', () => {
    const queue = createSubscriberQueue<number>({ kind: 'latest' });
    const seen: QueueEntry<number>[] = [];
    for (const i of range(1, 5)) {
      queue.offer(i);
      seen.push(...drain(queue));
    }
    assert.deepEqual(seen, items(1, 2, 3, 4, 5));
    assert.deepEqual(queue.stats, { offered: 5, delivered: 5, missedTotal: 0, maxSize: 1 });
  });

  it('drop: a notice marks the gap where it happened, and totals add up over notices', () => {
    const queue = createSubscriberQueue<number>({ kind: 'drop', size: 3 });
    offerAll(queue, range(1, 5)); // 4, 5 dropped
    assert.deepEqual(queue.poll(), { item: 1 });
    offerAll(queue, [6, 7, 8]); // 6 accepted, 7, 8 dropped
    assert.deepEqual(drain(queue), [...items(2, 3), drops(2, 2, 'drop'), ...items(6), drops(2, 4, 'drop')]);
    offerAll(queue, [9, 10, 11, 12]); // 12 dropped
    assert.deepEqual(drain(queue), [...items(9, 10, 11), drops(1, 5, 'drop')]);
    assert.deepEqual(queue.stats, { offered: 12, delivered: 7, missedTotal: 5, maxSize: 3 });
  });

  it('latest: a notice comes right before the item that replaced the missed ones', () => {
    const queue = createSubscriberQueue<string>({ kind: 'latest' });
    offerAll(queue, ['a', 'b', 'c']);
    assert.deepEqual(queue.poll(), drops(2, 2, 'latest'));
    assert.equal(queue.size, 1, 'the notice is not an item');
    assert.deepEqual(queue.poll(), { item: 'c' });
    assert.equal(queue.poll(), undefined);
    offerAll(queue, ['d', 'e']);
    assert.deepEqual(drain(queue), [drops(1, 3, 'latest'), { item: 'e' }]);
  });

  describe('pause and resume', () => {
    it('counts offers while paused as missed ("paused"), keeps what already waits', () => {
      const queue = createSubscriberQueue<number>({ kind: 'drop', size: 4 });
      queue.offer(1);
      queue.pause();
      assert.equal(queue.paused, true);
      offerAll(queue, [2, 3, 4]);
      assert.equal(queue.size, 1);
      queue.resume();
      assert.equal(queue.paused, false);
      queue.offer(5);
      assert.deepEqual(drain(queue), [...items(1), drops(3, 3, 'paused'), ...items(5)]);
      assert.deepEqual(queue.stats, { offered: 5, delivered: 2, missedTotal: 3, maxSize: 2 });
    });

    it('joins several reasons since the last notice in first-seen order', () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      offerAll(queue, [1, 2]); // 1 replaced: latest
      queue.pause();
      offerAll(queue, [3, 4]); // paused
      queue.resume();
      queue.offer(5); // 2 replaced: latest again
      assert.deepEqual(drain(queue), [drops(4, 4, 'latest,paused'), ...items(5)]);
    });

    it('paused before anything was offered, then the stream ends: the notice is pollable', () => {
      const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 2 });
      queue.pause();
      offerAll(queue, range(1, 6));
      assert.equal(queue.overflowed, false, 'paused offers do not fill the buffer');
      assert.deepEqual(drain(queue), [drops(6, 6, 'paused')]);
      queue.resume();
      offerAll(queue, [7, 8]);
      assert.deepEqual(drain(queue), items(7, 8));
    });

    it('pause and resume are idempotent', () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      queue.pause();
      queue.pause();
      queue.offer(1);
      queue.resume();
      queue.resume();
      queue.offer(2);
      assert.deepEqual(drain(queue), [drops(1, 1, 'paused'), ...items(2)]);
    });
  });

  describe('buffer', () => {
    it('overflows on the item that arrives while size wait, then accepts nothing', () => {
      const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 2 });
      offerAll(queue, [1, 2]);
      assert.equal(queue.overflowed, false);
      queue.offer(3);
      assert.equal(queue.overflowed, true);
      assert.deepEqual(queue.poll(), { item: 1 });
      offerAll(queue, [4, 5]); // room now, but an overflowed queue is finished
      assert.deepEqual(drain(queue), items(2));
      assert.equal(queue.overflowed, true);
      assert.deepEqual(queue.stats, { offered: 5, delivered: 2, missedTotal: 0, maxSize: 2 });
    });

    it('does not overflow while the consumer keeps up', () => {
      const queue = createSubscriberQueue<number>({ kind: 'buffer', size: 1 });
      for (const i of range(1, 100)) {
        queue.offer(i);
        assert.deepEqual(queue.poll(), { item: i });
      }
      assert.equal(queue.overflowed, false);
    });
  });

  describe('bounded memory under 100k offers', () => {
    const policies: { policy: QueuePolicy; bound: number }[] = [
      { policy: { kind: 'latest' }, bound: 1 },
      { policy: { kind: 'drop', size: 64 }, bound: 64 },
      { policy: { kind: 'buffer', size: 10_000 }, bound: 10_000 },
    ];
    for (const { policy, bound } of policies) {
      it(`${JSON.stringify(policy)} never holds more than ${bound} items`, () => {
        const queue = createSubscriberQueue<{ i: number }>(policy);
        let polled = 0;
        let notices = 0;
        let noticed = 0;
        for (let i = 0; i < 100_000; i++) {
          queue.offer({ i });
          assert.ok(queue.size <= bound, `size ${queue.size} after ${i + 1} offers`);
          if (i % 997 === 0) {
            // a consumer that polls a little, late
            for (let k = 0; k < 5; k++) {
              const e = queue.poll();
              if (e === undefined) break;
              if ('item' in e) polled++;
              else {
                notices++;
                noticed += e.drops.missed;
              }
            }
          }
        }
        for (const e of drain(queue)) {
          if ('item' in e) polled++;
          else {
            notices++;
            noticed += e.drops.missed;
          }
        }
        const { offered, delivered, missedTotal, maxSize } = queue.stats;
        assert.equal(offered, 100_000);
        assert.equal(delivered, polled);
        assert.equal(noticed, missedTotal, 'every miss was notified');
        assert.ok(maxSize <= bound, `maxSize ${maxSize}`);
        if (policy.kind === 'buffer') {
          assert.equal(queue.overflowed, true);
          assert.equal(missedTotal, 0);
          assert.equal(notices, 0);
        } else {
          assert.equal(delivered + missedTotal, 100_000);
          assert.equal(maxSize, bound);
        }
      });
    }

    it('a drop queue that is offered and polled in turns for 100k items delivers them all in order', () => {
      const queue = createSubscriberQueue<number>({ kind: 'drop', size: 3 });
      let expected = 0;
      for (let i = 0; i < 100_000; i++) {
        queue.offer(i);
        queue.offer(i + 0.5);
        for (const e of drain(queue)) {
          assert.deepEqual(e, { item: expected });
          expected += 0.5;
        }
      }
      assert.equal(expected, 100_000);
      assert.deepEqual(queue.stats, { offered: 200_000, delivered: 200_000, missedTotal: 0, maxSize: 2 });
    });
  });

  describe('onReadable', () => {
    it('is called once per transition from nothing to poll to something to poll', () => {
      const queue = createSubscriberQueue<number>({ kind: 'drop', size: 2 });
      let calls = 0;
      queue.onReadable(() => calls++);
      assert.equal(queue.poll(), undefined);
      queue.offer(1);
      assert.equal(calls, 1);
      offerAll(queue, [2, 3, 4]); // still readable; 3 and 4 dropped
      assert.equal(calls, 1);
      assert.deepEqual(queue.poll(), { item: 1 });
      queue.offer(5); // a slot is free: accepted after the gap; still readable, no transition
      assert.equal(calls, 1);
      assert.deepEqual(drain(queue), [...items(2), drops(2, 2, 'drop'), ...items(5)]);
      queue.offer(6);
      assert.equal(calls, 2);
      queue.offer(7);
      assert.equal(calls, 2);
    });

    it('polling the last entry re-arms it, without a poll that finds nothing', () => {
      const queue = createSubscriberQueue<number>({ kind: 'drop', size: 4 });
      let calls = 0;
      queue.onReadable(() => calls++);
      queue.offer(1);
      queue.offer(2);
      assert.deepEqual([queue.poll(), queue.poll()], items(1, 2));
      queue.offer(3);
      assert.equal(calls, 2);
    });

    it('is called synchronously inside offer(), with the item already pollable', () => {
      const queue = createSubscriberQueue<string>({ kind: 'latest' });
      const seen: QueueEntry<string>[] = [];
      queue.onReadable(() => seen.push(...drain(queue)));
      queue.offer('a');
      assert.deepEqual(seen, [{ item: 'a' }]);
      queue.offer('b');
      assert.deepEqual(seen, [{ item: 'a' }, { item: 'b' }], 'draining in the listener re-arms it');
    });

    it('drops while paused do not wake the consumer; resume() does, once', () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      let calls = 0;
      queue.onReadable(() => calls++);
      queue.pause();
      offerAll(queue, [1, 2, 3]);
      assert.equal(calls, 0);
      queue.resume();
      assert.equal(calls, 1);
      queue.offer(4);
      assert.equal(calls, 1);
      assert.deepEqual(drain(queue), [drops(3, 3, 'paused'), ...items(4)]);
      queue.resume(); // not paused: no call
      assert.equal(calls, 1);
    });

    it('resume() with nothing missed and nothing waiting calls nobody', () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      let calls = 0;
      queue.onReadable(() => calls++);
      queue.pause();
      queue.resume();
      assert.equal(calls, 0);
    });

    it('unsubscribes, also from inside a listener', () => {
      const queue = createSubscriberQueue<number>({ kind: 'drop', size: 8 });
      const calls: string[] = [];
      let offB = () => undefined as void;
      const offA = queue.onReadable(() => {
        calls.push('a');
        offB();
      });
      offB = queue.onReadable(() => calls.push('b'));
      queue.offer(1);
      assert.deepEqual(calls, ['a']);
      drain(queue);
      offA();
      queue.offer(2);
      assert.deepEqual(calls, ['a']);
    });

    it('a listener that throws does not make offer() throw; the error surfaces on a microtask', async () => {
      const queue = createSubscriberQueue<number>({ kind: 'latest' });
      const boom = new Error('listener failed');
      let other = 0;
      queue.onReadable(() => {
        throw boom;
      });
      queue.onReadable(() => other++);
      const mochaHandlers = process.listeners('uncaughtException');
      process.removeAllListeners('uncaughtException');
      let caught: unknown;
      process.once('uncaughtException', (e) => {
        caught = e;
      });
      try {
        assert.doesNotThrow(() => queue.offer(1));
        assert.equal(other, 1, 'later listeners still run');
        await new Promise((r) => setImmediate(r));
      } finally {
        process.removeAllListeners('uncaughtException');
        for (const h of mochaHandlers) process.on('uncaughtException', h);
      }
      assert.equal(caught, boom);
      assert.deepEqual(queue.poll(), { item: 1 });
    });
  });

  describe('policy validation', () => {
    const bad: unknown[] = [
      { kind: 'drop', size: 0 },
      { kind: 'drop', size: -1 },
      { kind: 'drop', size: 1.5 },
      { kind: 'buffer', size: 10_001 },
      { kind: 'buffer', size: Number.NaN },
      { kind: 'buffer', size: Number.POSITIVE_INFINITY },
      { kind: 'buffer', size: '8' },
      { kind: 'drop' },
      { kind: 'fifo', size: 8 },
      {},
    ];
    for (const policy of bad) {
      it(`rejects ${inspect(policy, { breakLength: Infinity })} with invalid_argument`, () => {
        assert.throws(() => createSubscriberQueue(policy as QueuePolicy), (e) => isGroundstreamError(e, 'invalid_argument') && e.input === 'policy');
      });
    }
    const good: QueuePolicy[] = [{ kind: 'latest' }, { kind: 'drop', size: 1 }, { kind: 'buffer', size: 10_000 }];
    for (const policy of good) {
      it(`accepts ${JSON.stringify(policy)}`, () => {
        assert.equal(createSubscriberQueue(policy).size, 0);
      });
    }
  });

  it('queues share no state', () => {
    const a = createSubscriberQueue<number>({ kind: 'drop', size: 1 });
    const b = createSubscriberQueue<number>({ kind: 'drop', size: 1 });
    offerAll(a, [1, 2, 3]);
    b.offer(10);
    assert.deepEqual(drain(b), items(10));
    assert.deepEqual(drain(a), [...items(1), drops(2, 2, 'drop')]);
    assert.deepEqual(b.stats, { offered: 1, delivered: 1, missedTotal: 0, maxSize: 1 });
  });

  it('stats is a snapshot the caller cannot change', () => {
    const queue = createSubscriberQueue<number>({ kind: 'latest' });
    const before = queue.stats as { offered: number };
    before.offered = 99;
    assert.equal(queue.stats.offered, 0);
  });
});
