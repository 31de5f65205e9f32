import assert from 'node:assert/strict';
import { paced } from '../../../src/pipeline/paced';

describe('paced', () => {
  it('pulls each item only after ready() resolves', async () => {
    const pulled: number[] = [];
    async function* source() {
      for (let i = 0; i < 3; i++) {
        pulled.push(i);
        yield i;
      }
    }
    let open!: () => void;
    const ready = () => new Promise<void>((resolve) => { open = resolve; });
    const it = paced(source(), ready)[Symbol.asyncIterator]();
    const first = it.next();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(pulled, [], 'nothing pulled before ready');
    open();
    assert.deepEqual(await first, { done: false, value: 0 });
    assert.deepEqual(pulled, [0]);
  });

  it('return() reaches the source even while next() waits for ready()', async () => {
    let closed = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    let calls = 0;
    const it = paced(source(), () => (++calls === 1 ? Promise.resolve() : new Promise<void>(() => undefined)))[Symbol.asyncIterator]();
    assert.deepEqual(await it.next(), { done: false, value: 1 });
    void it.next(); // stuck on ready()
    assert.deepEqual(await it.return!(), { done: true, value: undefined });
    assert.equal(closed, true);
  });

  it('propagates a ready() rejection without pulling', async () => {
    let pulled = false;
    const source = { [Symbol.asyncIterator]: () => ({ next: async () => { pulled = true; return { done: true as const, value: undefined }; } }) };
    const reason = new Error('cancelled');
    await assert.rejects(paced(source, () => Promise.reject(reason))[Symbol.asyncIterator]().next(), (e) => e === reason);
    assert.equal(pulled, false);
  });
});
