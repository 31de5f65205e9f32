import { meanInPolygon } from './box-score';
import { findRegions } from './find-regions';
import { minAreaRect, rectCorners } from './min-area-rect';
import { orderQuad } from './order-quad';
import type { Quad } from './point';
import { unclipRect } from './unclip-rect';

/** Options of {@link decodeDbMap}; the defaults are PaddleOCR's for PP-OCRv4 inference. */
export interface DbDecodeOptions {
  /** A pixel is text when its probability is above this (default 0.3). */
  threshold?: number;
  /** A box is kept when the mean probability inside it is at least this (default 0.6). */
  boxThreshold?: number;
  /** How far a kernel is grown back (default 1.5). */
  unclipRatio?: number;
  /** Regions looked at, at most (default 1000). */
  maxCandidates?: number;
  /** A kernel's shorter side must be at least this, and the grown box's at least this + 2 (default 3). */
  minSize?: number;
}

/** A text box found on the probability map, in map pixels. */
export interface DbBox {
  quad: Quad;
  /** Mean probability inside the kernel's box. */
  score: number;
}

/**
 * DB (differentiable binarisation) post-processing: threshold the probability map, take each
 * connected region's min-area rectangle, keep it when its mean probability reaches the box
 * threshold, and grow it by the unclip distance. Boxes are in map pixels (pixel-corner
 * convention), corners ordered from the top-left.
 *
 * @example
 * const boxes = decodeDbMap(out.data, out.dims[3], out.dims[2]); // [{ quad: [[12.4, 30.1], …], score: 0.87 }]
 */
export function decodeDbMap(map: ArrayLike<number>, width: number, height: number, options: DbDecodeOptions = {}): DbBox[] {
  const threshold = options.threshold ?? 0.3;
  const boxThreshold = options.boxThreshold ?? 0.6;
  const unclipRatio = options.unclipRatio ?? 1.5;
  const minSize = options.minSize ?? 3;
  const boxes: DbBox[] = [];
  for (const region of findRegions(map, width, height, threshold, options.maxCandidates ?? 1000)) {
    const kernel = minAreaRect(region.outline);
    if (Math.min(kernel.width, kernel.height) < minSize) continue;
    const score = meanInPolygon(map, width, height, rectCorners(kernel));
    if (score < boxThreshold) continue;
    const grown = unclipRect(kernel, unclipRatio);
    if (Math.min(grown.width, grown.height) < minSize + 2) continue;
    boxes.push({ quad: orderQuad(rectCorners(grown)), score });
  }
  return boxes;
}
