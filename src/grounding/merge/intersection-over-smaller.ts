import { areaAt, intersectionAt } from '../nms';

/**
 * Intersection over the smaller box's area (IoS) of boxes `i` and `j` of a flat xyxy array. A box
 * cut by a tile edge lies inside the complete box of the same object, so its IoS is near 1 while its
 * IoU may be small.
 *
 * @example
 * iosAt([0, 0, 10, 10, 0, 0, 3, 10], 0, 1) // → 1 (IoU would be 0.3)
 */
export function iosAt(xyxy: ArrayLike<number>, i: number, j: number): number {
  const inter = intersectionAt(xyxy, i, j);
  if (inter === 0) return 0;
  const smaller = Math.min(areaAt(xyxy, i), areaAt(xyxy, j));
  return smaller > 0 ? inter / smaller : 0;
}
