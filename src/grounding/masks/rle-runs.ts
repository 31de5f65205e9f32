import type { RleMask } from '../../core/events';
import { GroundstreamError } from '../../core/errors';
import { countsToString, stringToCounts } from './rle-string';

/** An RLE read into numbers: [height, width] and the column-major runs, zeros first. */
export interface RleRuns {
  height: number;
  width: number;
  counts: Uint32Array;
}

/**
 * Reads an RLE's size and counts, checking that the runs cover exactly `height × width` pixels.
 *
 * @example
 * rleRuns({ size: [2, 3], counts: '121O0' }); // { height: 2, width: 3, counts: [1, 2, 1, 1, 1] }
 */
export function rleRuns(rle: RleMask): RleRuns {
  if (rle.size.length !== 2) throw new GroundstreamError('invalid_argument', 'size', `RLE size must be [height, width], got [${rle.size.join(', ')}]`);
  const [height, width] = rle.size;
  const counts = stringToCounts(rle.counts);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total !== height * width) {
    throw new GroundstreamError('invalid_argument', 'counts', `RLE runs cover ${total} pixels, size [${height}, ${width}] has ${height * width}`);
  }
  return { height, width, counts };
}

/**
 * Writes runs as an {@link RleMask}.
 *
 * @example
 * runsToRle([1, 2, 1, 1, 1], 2, 3); // { size: [2, 3], counts: '121O0' }
 */
export function runsToRle(counts: ArrayLike<number>, height: number, width: number): RleMask {
  return { size: [height, width], counts: countsToString(counts) };
}

/**
 * Collects runs from pixels visited in column-major order, one call per stretch of equal values.
 * It merges adjacent stretches of the same value, so the counts come out canonical (a zero first
 * run only when the first pixel is set, no other empty run), as pycocotools' rleEncode writes them.
 */
export class RunWriter {
  private readonly counts: number[] = [];
  private value = 0;
  private run = 0;

  /** Appends `length` pixels of `value` (non-zero is foreground). */
  push(value: number, length: number): void {
    if (length <= 0) return;
    const v = value ? 1 : 0;
    if (v !== this.value) {
      this.counts.push(this.run);
      this.value = v;
      this.run = 0;
    }
    this.run += length;
  }

  /** The finished counts (always at least one run). */
  finish(): number[] {
    return [...this.counts, this.run];
  }
}
