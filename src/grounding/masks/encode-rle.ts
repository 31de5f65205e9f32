import type { RleMask } from '../../core/events';
import { GroundstreamError } from '../../core/errors';
import { RunWriter, runsToRle } from './rle-runs';

/**
 * Encodes a binary mask as COCO RLE, exactly as pycocotools `mask.encode` does for the same mask:
 * runs over the pixels in column-major order, starting with a run of zeros, in COCO's compressed
 * string form, `size: [height, width]`. Any non-zero value is foreground.
 *
 * @param mask one value per pixel, row-major (`mask[y * width + x]`), as frames and class maps are
 * @example
 * encodeRle(Uint8Array.from([0, 1, 1, 1, 0, 0]), 3, 2); // { size: [2, 3], counts: '121O0' }
 */
export function encodeRle(mask: ArrayLike<number>, width: number, height: number): RleMask {
  if (mask.length !== width * height) {
    throw new GroundstreamError('invalid_argument', 'mask', `mask of length ${mask.length} does not match ${width}×${height}`);
  }
  const writer = new RunWriter();
  for (let x = 0; x < width; x++) {
    // Walk the column in stretches of equal values rather than pixel by pixel into the writer.
    let y = 0;
    while (y < height) {
      const v = mask[y * width + x] ? 1 : 0;
      let end = y + 1;
      while (end < height && (mask[end * width + x] ? 1 : 0) === v) end++;
      writer.push(v, end - y);
      y = end;
    }
  }
  return runsToRle(writer.finish(), height, width);
}
