import type { RleMask } from '../../core/events';
import { GroundstreamError } from '../../core/errors';
import { RunCursor } from './run-cursor';
import { RunWriter, rleRuns, runsToRle, type RleRuns } from './rle-runs';

function mergeTwo(a: RleRuns, b: RleRuns, intersect: boolean): Uint32Array {
  const ca = new RunCursor(a.counts);
  const cb = new RunCursor(b.counts);
  const writer = new RunWriter();
  while (!ca.done && !cb.done) {
    const n = Math.min(ca.left, cb.left);
    writer.push(intersect ? ca.value & cb.value : ca.value | cb.value, n);
    ca.advance(n);
    cb.advance(n);
  }
  return Uint32Array.from(writer.finish());
}

/**
 * Union (default) or intersection of RLE masks of one size, computed on the runs without decoding
 * (pycocotools `mask.merge`). One mask comes back as it is; none is an error, since an empty
 * result would have no size.
 *
 * @example
 * mergeRle([person, bicycle]);         // pixels in either
 * mergeRle([person, boxRegion], true); // pixels in both
 */
export function mergeRle(rles: readonly RleMask[], intersect = false): RleMask {
  if (rles.length === 0) throw new GroundstreamError('invalid_argument', 'rles', 'mergeRle needs at least one mask');
  let acc = rleRuns(rles[0]);
  for (let i = 1; i < rles.length; i++) {
    const next = rleRuns(rles[i]);
    if (next.height !== acc.height || next.width !== acc.width) {
      throw new GroundstreamError('invalid_argument', 'size', `RLE sizes differ: [${acc.height}, ${acc.width}] and [${next.height}, ${next.width}]`);
    }
    acc = { height: acc.height, width: acc.width, counts: mergeTwo(acc, next, intersect) };
  }
  return runsToRle(acc.counts, acc.height, acc.width);
}
