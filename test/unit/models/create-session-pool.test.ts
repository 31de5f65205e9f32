import assert from 'node:assert/strict';
import { createSessionPool } from '../../../src/models/runtime/create-session-pool';
import type { InferenceSession } from '../../../src/models/runtime/create-inference-session';

/** A session that records how many of its runs overlap and answers after a delay. */
function session(name: string, busy: { now: number; peak: number }): InferenceSession {
  return {
    modelId: name, provider: 'cpu', intraOpNumThreads: 1, inputs: [], outputNames: ['out'],
    async run() {
      busy.now++;
      busy.peak = Math.max(busy.peak, busy.now);
      await new Promise((r) => setTimeout(r, 10));
      busy.now--;
      return { out: { data: Float32Array.from([name.length]), dims: [1] } };
    },
    async dispose() {},
  };
}

describe('createSessionPool', () => {
  const cases = [1, 2, 3];
  for (const size of cases) {
    it(`keeps ${size} session(s) busy at most, each running one call at a time`, async () => {
      const per = Array.from({ length: size }, () => ({ now: 0, peak: 0 }));
      const total = { now: 0, peak: 0 };
      const sessions = per.map((b, i) => {
        const s = session(`s${i}`, b);
        const run = s.run.bind(s);
        return { ...s, run: async (f: Parameters<InferenceSession['run']>[0]) => { total.now++; total.peak = Math.max(total.peak, total.now); try { return await run(f); } finally { total.now--; } } };
      });
      const pool = createSessionPool(sessions);
      await Promise.all(Array.from({ length: 7 }, () => pool.run({})));
      assert.equal(total.peak, size);
      assert.ok(per.every((b) => b.peak <= 1), 'no session runs two calls at once');
    });
  }

  it('frees a session whose run failed', async () => {
    let fail = true;
    const s: InferenceSession = { ...session('x', { now: 0, peak: 0 }), async run() { if (fail) { fail = false; throw new Error('bad input'); } return {}; } };
    const pool = createSessionPool([s]);
    await assert.rejects(pool.run({}), /bad input/);
    assert.deepEqual(await pool.run({}), {});
  });
});
