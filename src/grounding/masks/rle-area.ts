import type { RleMask } from '../../core/events';
import { rleRuns } from './rle-runs';

/**
 * Foreground pixel count of an RLE, summed over its odd runs (pycocotools `mask.area`).
 *
 * @example
 * rleArea({ size: [2, 3], counts: '121O0' }); // 3
 */
export function rleArea(rle: RleMask): number {
  const { counts } = rleRuns(rle);
  let area = 0;
  for (let j = 1; j < counts.length; j += 2) area += counts[j];
  return area;
}
