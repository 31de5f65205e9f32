import type { RleMask } from '../../core/events';
import { GroundstreamError } from '../../core/errors';
import type { ClassMap } from './class-map';
import { RunWriter, runsToRle } from './rle-runs';

/**
 * Pixel range [start, end) whose centres lie inside [lo, hi) on an axis of `size` pixels: pixel i
 * covers [i, i+1), so a box edge at 10.4 takes pixel 10 (centre 10.5) and one at 10.6 does not.
 */
function centreRange(lo: number, hi: number, size: number): [number, number] {
  const start = Math.min(size, Math.max(0, Math.ceil(lo - 0.5)));
  const end = Math.min(size, Math.max(start, Math.ceil(hi - 0.5)));
  return [start, end];
}

/**
 * The pixels of class `classIndex` inside a box, as an RLE over the whole frame (the SegVG way of
 * turning a detection box into a mask: the segmenter says which pixels, the box says which object).
 * A pixel is inside when its centre is; the box may reach past the frame.
 *
 * @param xyxy box in pixels of the class map, pixel-corner convention
 * @example
 * const mask = boxToMask(semantic, semantic.labels.indexOf('person'), [41.2, 61.6, 189.8, 302.8]);
 */
export function boxToMask(semantic: ClassMap, classIndex: number, xyxy: ArrayLike<number>): RleMask {
  const { width, height, classes } = semantic;
  if (classes.length !== width * height) {
    throw new GroundstreamError('invalid_argument', 'classes', `class map of length ${classes.length} does not match ${width}×${height}`);
  }
  if (xyxy.length < 4) throw new GroundstreamError('invalid_argument', 'xyxy', `a box needs 4 numbers, got ${xyxy.length}`);
  const [x0, x1] = centreRange(xyxy[0], xyxy[2], width);
  const [y0, y1] = centreRange(xyxy[1], xyxy[3], height);
  const writer = new RunWriter();
  // Everything left of the box, then each box column: its rows above, inside and below the box.
  writer.push(0, x0 * height);
  for (let x = x0; x < x1; x++) {
    writer.push(0, y0);
    for (let y = y0; y < y1; y++) writer.push(classes[y * width + x] === classIndex ? 1 : 0, 1);
    writer.push(0, height - y1);
  }
  writer.push(0, (width - x1) * height);
  return runsToRle(writer.finish(), height, width);
}
