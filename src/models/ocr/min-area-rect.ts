import { convexHull } from './convex-hull';
import type { Point } from './point';

/**
 * A rotated rectangle: centre, side lengths and the direction of the `width` side (radians from the
 * x axis); the `height` side is that direction turned by +90°.
 */
export interface RotatedRect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  angle: number;
}

/**
 * The rectangle's corners in the order: −width/−height, +width/−height, +width/+height,
 * −width/+height (relative to the centre along its two side directions).
 *
 * @example
 * rectCorners({ cx: 1, cy: 1, width: 2, height: 2, angle: 0 }); // [[0,0],[2,0],[2,2],[0,2]]
 */
export function rectCorners(r: RotatedRect): [Point, Point, Point, Point] {
  const ux = Math.cos(r.angle);
  const uy = Math.sin(r.angle);
  const hw = r.width / 2;
  const hh = r.height / 2;
  const at = (a: number, b: number): Point => [r.cx + ux * a - uy * b, r.cy + uy * a + ux * b];
  return [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)];
}

const dot = (ax: number, ay: number, p: Point): number => ax * p[0] + ay * p[1];

/**
 * The smallest-area rectangle around a set of points (what OpenCV's `minAreaRect` returns), by
 * rotating calipers over the convex hull: the best rectangle has one side on a hull edge, and for
 * each edge the three other touching vertices only move forwards, so all edges take linear time.
 * One or two distinct points give a rectangle with zero height.
 *
 * @example
 * const r = minAreaRect([[0, 0], [4, 0], [4, 2], [0, 2], [2, 1]]); // width × height = 4 × 2 (either way round)
 */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  const n = hull.length;
  if (n === 0) return { cx: 0, cy: 0, width: 0, height: 0, angle: 0 };
  if (n === 1) return { cx: hull[0][0], cy: hull[0][1], width: 0, height: 0, angle: 0 };
  if (n === 2) {
    const [a, b] = hull;
    return { cx: (a[0] + b[0]) / 2, cy: (a[1] + b[1]) / 2, width: Math.hypot(b[0] - a[0], b[1] - a[1]), height: 0, angle: Math.atan2(b[1] - a[1], b[0] - a[0]) };
  }
  let best: RotatedRect | undefined;
  let bestArea = Infinity;
  // Calipers: the vertex farthest along the edge, farthest from it, and farthest back along it.
  let jMaxU = -1;
  let jMaxV = -1;
  let jMinU = -1;
  for (let i = 0; i < n; i++) {
    const a = hull[i];
    const b = hull[(i + 1) % n];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const ux = (b[0] - a[0]) / len;
    const uy = (b[1] - a[1]) / len;
    // The hull turns left, so the inside is on the left normal: every vertex has v ≥ v(a).
    const vx = -uy;
    const vy = ux;
    const fU = (j: number): number => dot(ux, uy, hull[j % n]);
    const fV = (j: number): number => dot(vx, vy, hull[j % n]);
    if (i === 0) {
      jMaxU = 0; jMaxV = 0; jMinU = 0;
      for (let j = 1; j < n; j++) {
        if (fU(j) > fU(jMaxU)) jMaxU = j;
        if (fV(j) > fV(jMaxV)) jMaxV = j;
        if (fU(j) < fU(jMinU)) jMinU = j;
      }
    } else {
      // Each function is unimodal around the hull, so a pointer walks forward while it gains.
      for (let k = 0; k < n && fU(jMaxU + 1) > fU(jMaxU); k++) jMaxU = (jMaxU + 1) % n;
      for (let k = 0; k < n && fV(jMaxV + 1) > fV(jMaxV); k++) jMaxV = (jMaxV + 1) % n;
      for (let k = 0; k < n && fU(jMinU + 1) < fU(jMinU); k++) jMinU = (jMinU + 1) % n;
    }
    const minU = fU(jMinU);
    const maxU = fU(jMaxU);
    const minV = dot(vx, vy, a);
    const maxV = fV(jMaxV);
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: ux * cu + vx * cv, cy: uy * cu + vy * cv, width: maxU - minU, height: maxV - minV, angle: Math.atan2(uy, ux) };
    }
  }
  return best!;
}
