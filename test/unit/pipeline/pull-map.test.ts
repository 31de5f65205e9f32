import assert from 'node:assert/strict';
import { firstValueFrom, take, toArray } from 'rxjs';
import { pullMap } from '../../../src/pipeline/pull-map';

/** An async source that records how far it was pulled and whether it was closed. */
function countingSource(n: number, failAt?: number) {
  const state = { pulled: 0, closed: false };
  async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new Error(`source failed at ${i}`);
        state.pulled++;
        yield i;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, open: () => gen() };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pullMap', () => {
  it('emits results in source order even when work finishes out of order', async () => {
    const src = countingSource(6);
    const out = await firstValueFrom(pullMap(src.open, async (i) => { await delay((6 - i) * 3); return i * 10; }, 3).pipe(toArray()));
    assert.deepEqual(out, [0, 10, 20, 30, 40, 50]);
  });

  const bounds = [1, 2, 4];
  for (const concurrency of bounds) {
    it(`never has more than ${concurrency} item(s) in work`, async () => {
      const src = countingSource(12);
      let active = 0;
      let peak = 0;
      await firstValueFrom(pullMap(src.open, async (i) => { active++; peak = Math.max(peak, active); await delay(2); active--; return i; }, concurrency).pipe(toArray()));
      assert.equal(peak, concurrency);
    });
  }

  it('pulls no further than the work allows, and closes the source on unsubscribe', async () => {
    const src = countingSource(1000);
    const out = await firstValueFrom(pullMap(src.open, async (i) => i, 2).pipe(take(3), toArray()));
    assert.deepEqual(out, [0, 1, 2]);
    await delay(10);
    assert.ok(src.state.pulled <= 5, `pulled ${src.state.pulled}`);
    assert.equal(src.state.closed, true);
  });

  it('delivers results before a source error, then the error', async () => {
    const src = countingSource(10, 3);
    const seen: number[] = [];
    await assert.rejects(new Promise((resolve, reject) => pullMap(src.open, async (i) => i, 1).subscribe({ next: (v) => seen.push(v), error: reject, complete: () => resolve(undefined) })), /source failed at 3/);
    assert.deepEqual(seen, [0, 1, 2]);
  });

  it('surfaces a work error and closes the source', async () => {
    const src = countingSource(10);
    await assert.rejects(firstValueFrom(pullMap(src.open, async (i) => { if (i === 2) throw new Error('inference failed'); return i; }, 2).pipe(toArray())), /inference failed/);
    await delay(5);
    assert.equal(src.state.closed, true);
  });

  it('rejects a concurrency that is not a positive integer', () => {
    assert.throws(() => pullMap(countingSource(1).open, async (i) => i, 0), RangeError);
  });
});

describe('pullMap with a source that waits between items (a live source)', () => {
  it('emits each result as soon as its work is done, not when the next item arrives', async () => {
    async function* slow() {
      for (let i = 0; i < 3; i++) {
        yield i;
        await delay(200);
      }
    }
    const started = performance.now();
    const at: number[] = [];
    await new Promise<void>((resolve, reject) => pullMap(() => slow(), async (i) => { await delay(5); return i; }, 2).subscribe({
      next: () => at.push(performance.now() - started),
      error: reject,
      complete: resolve,
    }));
    assert.equal(at.length, 3);
    assert.ok(at[0] < 100, `first result after ${at[0].toFixed(0)} ms`);
    assert.ok(at[1] > 150 && at[1] < 300, `second result after ${at[1].toFixed(0)} ms`);
  });
});
