/**
 * Intersection over union of boxes `i` and `j` of a flat xyxy array (pixel-corner convention:
 * width = x2 - x1).
 */
export function iouAt(xyxy: ArrayLike<number>, i: number, j: number): number {
  const ax1 = xyxy[i * 4], ay1 = xyxy[i * 4 + 1], ax2 = xyxy[i * 4 + 2], ay2 = xyxy[i * 4 + 3];
  const bx1 = xyxy[j * 4], by1 = xyxy[j * 4 + 1], bx2 = xyxy[j * 4 + 2], by2 = xyxy[j * 4 + 3];
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Options of {@link nmsClassWise}. */
export interface NmsOptions {
  /** Boxes overlapping a kept box of the same class by more than this IoU are suppressed. */
  iouThreshold: number;
  /** Upper bound on kept boxes (highest scores first). */
  maxDetections?: number;
}

/**
 * Greedy non-maximum suppression within each class. Returns the kept indices, highest score
 * first; boxes of different classes never suppress each other.
 *
 * @example
 * nmsClassWise(new Float32Array([0,0,10,10, 1,1,10,10]), new Float32Array([0.9, 0.8]), new Int32Array([0, 0]), { iouThreshold: 0.5 })
 * // → [0]
 */
export function nmsClassWise(
  xyxy: ArrayLike<number>,
  scores: ArrayLike<number>,
  classIds: ArrayLike<number>,
  options: NmsOptions,
): number[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const suppressed = new Uint8Array(n);
  const kept: number[] = [];
  const max = options.maxDetections ?? Infinity;
  for (let a = 0; a < n && kept.length < max; a++) {
    const i = order[a];
    if (suppressed[i]) continue;
    kept.push(i);
    for (let b = a + 1; b < n; b++) {
      const j = order[b];
      if (!suppressed[j] && classIds[j] === classIds[i] && iouAt(xyxy, i, j) > options.iouThreshold) suppressed[j] = 1;
    }
  }
  return kept;
}
