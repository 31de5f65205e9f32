import assert from 'node:assert/strict';
import type { SemanticMask } from '../../../src/models/segmenter';

/** % of the mask's pixels per label present. */
export function classShares(mask: SemanticMask): Record<string, number> {
  const counts = new Array<number>(mask.labels.length).fill(0);
  for (const k of mask.classes) counts[k]++;
  const out: Record<string, number> = {};
  counts.forEach((n, k) => { if (n > 0) out[mask.labels[k]] = (100 * n) / mask.classes.length; });
  return out;
}

/** Checks shares within `tolerancePp` percentage points, every class of either side included. */
export function assertSharesNear(got: Record<string, number>, want: Record<string, number>, tolerancePp: number): void {
  for (const label of new Set([...Object.keys(got), ...Object.keys(want)])) {
    const g = got[label] ?? 0;
    const w = want[label] ?? 0;
    assert.ok(Math.abs(g - w) <= tolerancePp, `${label}: ${g.toFixed(3)} % vs OpenCV ${w} % (all: ${JSON.stringify(got)})`);
  }
}
