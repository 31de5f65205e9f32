/**
 * Intersection over union of boxes `i` and `j` of a flat xyxy array (pixel-corner convention:
 * width = x2 - x1).
 */
export function iouAt(xyxy: ArrayLike<number>, i: number, j: number): number {
  const inter = intersectionAt(xyxy, i, j);
  if (inter === 0) return 0;
  const union = areaAt(xyxy, i) + areaAt(xyxy, j) - inter;
  return union > 0 ? inter / union : 0;
}

/** Area of box `i` of a flat xyxy array. */
export function areaAt(xyxy: ArrayLike<number>, i: number): number {
  return (xyxy[i * 4 + 2] - xyxy[i * 4]) * (xyxy[i * 4 + 3] - xyxy[i * 4 + 1]);
}

/** Area of the intersection of boxes `i` and `j` of a flat xyxy array (0 when they only touch). */
export function intersectionAt(xyxy: ArrayLike<number>, i: number, j: number): number {
  const iw = Math.min(xyxy[i * 4 + 2], xyxy[j * 4 + 2]) - Math.max(xyxy[i * 4], xyxy[j * 4]);
  const ih = Math.min(xyxy[i * 4 + 3], xyxy[j * 4 + 3]) - Math.max(xyxy[i * 4 + 1], xyxy[j * 4 + 1]);
  return iw > 0 && ih > 0 ? iw * ih : 0;
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
