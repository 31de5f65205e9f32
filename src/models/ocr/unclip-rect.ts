import type { RotatedRect } from './min-area-rect';

/**
 * How far DB's unclip pushes a shrunk text kernel outwards: area × ratio / perimeter (the inverse
 * of the shrink the model was trained with).
 *
 * @example
 * unclipDistance(100, 10, 1.5); // 1000 × 1.5 / 220 ≈ 6.82
 */
export function unclipDistance(width: number, height: number, ratio: number): number {
  const perimeter = 2 * (width + height);
  return perimeter > 0 ? (width * height * ratio) / perimeter : 0;
}

/**
 * Grows a text kernel's rectangle back to the text's extent. PaddleOCR offsets the polygon with
 * rounded joins and takes the min-area rectangle of the result; for a rectangle that is exactly the
 * rectangle widened by the distance on every side, so no polygon clipper is needed.
 *
 * @example
 * unclipRect({ cx: 50, cy: 5, width: 100, height: 10, angle: 0 }, 1.5); // width ≈ 113.6, height ≈ 23.6
 */
export function unclipRect(rect: RotatedRect, ratio: number): RotatedRect {
  const d = unclipDistance(rect.width, rect.height, ratio);
  return { ...rect, width: rect.width + 2 * d, height: rect.height + 2 * d };
}
