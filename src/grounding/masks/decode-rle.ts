import type { RleMask } from '../../core/events';
import { rleRuns } from './rle-runs';

/** A decoded binary mask: 0 or 1 per pixel, row-major. */
export interface DecodedMask {
  mask: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes a COCO RLE into a row-major 0/1 mask (pycocotools `mask.decode`, transposed from its
 * Fortran order into the row-major order frames use). Throws on a malformed string or runs that do
 * not add up to `height × width`.
 *
 * @example
 * decodeRle({ size: [2, 3], counts: '121O0' }).mask; // Uint8Array [0, 1, 1, 1, 0, 0]
 */
export function decodeRle(rle: RleMask): DecodedMask {
  const { height, width, counts } = rleRuns(rle);
  const mask = new Uint8Array(width * height);
  let p = 0; // column-major pixel position
  for (let j = 0; j < counts.length; j++) {
    const end = p + counts[j];
    if (j % 2 === 1) {
      for (let q = p; q < end; q++) {
        const x = Math.floor(q / height);
        mask[(q - x * height) * width + x] = 1;
      }
    }
    p = end;
  }
  return { mask, width, height };
}
