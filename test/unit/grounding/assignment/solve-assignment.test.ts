import assert from 'node:assert/strict';
import { solveAssignment } from '../../../../src/grounding/assignment/solve-assignment';

/** Every assignment by brute force: the least cost, with unmatched row+column costing `limit`. */
function bruteForce(cost: number[][], limit?: number): number {
  const rows = cost.length;
  const cols = rows ? cost[0].length : 0;
  let best = Infinity;
  const usedCols = new Array<boolean>(cols).fill(false);
  const go = (r: number, acc: number, pairs: number): void => {
    if (r === rows) {
      const unmatched = rows - pairs + (cols - pairs);
      if (limit === undefined && pairs !== Math.min(rows, cols)) return;
      best = Math.min(best, acc + (limit === undefined ? 0 : (unmatched * limit) / 2));
      return;
    }
    go(r + 1, acc, pairs); // row r unmatched
    for (let c = 0; c < cols; c++) {
      const v = cost[r][c];
      if (usedCols[c] || !Number.isFinite(v) || (limit !== undefined && v > limit)) continue;
      usedCols[c] = true;
      go(r + 1, acc + v, pairs + 1);
      usedCols[c] = false;
    }
  };
  go(0, 0, 0);
  return best;
}

describe('solveAssignment', () => {
  const cases: { name: string; cost: number[][]; maxCost?: number; rowToCol: number[] }[] = [
    { name: 'square, crossing is cheaper', cost: [[4, 1], [2, 3]], rowToCol: [1, 0] },
    { name: 'classic 3×3', cost: [[4, 1, 3], [2, 0, 5], [3, 2, 2]], rowToCol: [1, 0, 2] },
    { name: 'more rows than columns', cost: [[5], [1], [3]], rowToCol: [-1, 0, -1] },
    { name: 'more columns than rows', cost: [[5, 1, 3]], rowToCol: [1] },
    { name: 'a forbidden pair is never made', cost: [[Infinity, 1], [1, Infinity]], rowToCol: [1, 0] },
    { name: 'limit: a costly pair is left unmatched', cost: [[0.9]], maxCost: 0.5, rowToCol: [-1] },
    { name: 'limit: a pair under the limit is made', cost: [[0.49]], maxCost: 0.5, rowToCol: [0] },
    { name: 'limit: one good pair beats two fair ones', cost: [[0.1, 0.45], [0.45, 0.9]], maxCost: 0.5, rowToCol: [0, -1] },
    { name: 'empty', cost: [], rowToCol: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cols = c.cost.length ? c.cost[0].length : 0;
      const out = solveAssignment(c.cost, c.cost.length, cols, { maxCost: c.maxCost });
      assert.deepEqual([...out.rowToCol], c.rowToCol);
      for (let r = 0; r < c.rowToCol.length; r++) if (c.rowToCol[r] >= 0) assert.equal(out.colToRow[c.rowToCol[r]], r);
    });
  }

  it('matches brute force on random matrices, with and without a limit', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 300; trial++) {
      const rows = 1 + Math.floor(rand() * 5);
      const cols = 1 + Math.floor(rand() * 5);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rand() < 0.15 ? Infinity : Math.round(rand() * 100) / 100)));
      for (const limit of [undefined, 0.3, 0.7]) {
        const out = solveAssignment(cost.flat(), rows, cols, { maxCost: limit });
        const pairs = [...out.rowToCol].filter((c) => c >= 0).length;
        const expected = bruteForce(cost, limit);
        if (limit === undefined && !Number.isFinite(expected)) continue; // no full matching exists
        const got = out.totalCost + (limit === undefined ? 0 : ((rows - pairs + cols - pairs) * limit) / 2);
        assert.ok(Math.abs(got - expected) < 1e-9, `trial ${trial} limit ${limit}: ${got} vs ${expected}`);
      }
    }
  });
});
