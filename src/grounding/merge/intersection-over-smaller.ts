/**
 * Intersection over the smaller box's area (IoS) of boxes `i` and `j` of a flat xyxy array. A box
 * cut by a tile edge lies inside the complete box of the same object, so its IoS is near 1 while its
 * IoU may be small.
 *
 * @example
 * iosAt([0, 0, 10, 10, 0, 0, 3, 10], 0, 1) // → 1 (IoU would be 0.3)
 */
export function iosAt(xyxy: ArrayLike<number>, i: number, j: number): number {
  const ax1 = xyxy[i * 4], ay1 = xyxy[i * 4 + 1], ax2 = xyxy[i * 4 + 2], ay2 = xyxy[i * 4 + 3];
  const bx1 = xyxy[j * 4], by1 = xyxy[j * 4 + 1], bx2 = xyxy[j * 4 + 2], by2 = xyxy[j * 4 + 3];
  const iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
  const ih = Math.min(ay2, by2) - Math.max(ay1, by1);
  if (iw <= 0 || ih <= 0) return 0;
  const smaller = Math.min((ax2 - ax1) * (ay2 - ay1), (bx2 - bx1) * (by2 - by1));
  return smaller > 0 ? (iw * ih) / smaller : 0;
}
