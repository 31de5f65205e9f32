import type { Point, Quad } from './point';

/** A projective map (s, t) → ((a·s + b·t + c) / w, (d·s + e·t + f) / w), w = g·s + h·t + 1. */
export interface Homography {
  a: number; b: number; c: number;
  d: number; e: number; f: number;
  g: number; h: number;
}

/**
 * The projective map taking the unit square's corners (0,0), (1,0), (1,1), (0,1) to a quad's
 * corners in order (Heckbert's closed form); affine when the quad is a parallelogram.
 *
 * @example
 * const H = squareToQuad([[10, 10], [30, 12], [29, 20], [9, 18]]);
 * applyHomography(H, 1, 0); // [30, 12]
 */
export function squareToQuad(quad: Quad): Homography {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) {
    return { a: x1 - x0, b: x3 - x0, c: x0, d: y1 - y0, e: y3 - y0, f: y0, g: 0, h: 0 };
  }
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return { a: x1 - x0 + g * x1, b: x3 - x0 + h * x3, c: x0, d: y1 - y0 + g * y1, e: y3 - y0 + h * y3, f: y0, g, h };
}

/**
 * Maps a point of the unit square through a {@link Homography}.
 *
 * @example
 * applyHomography(squareToQuad(quad), 0.5, 0.5); // the quad's projective centre
 */
export function applyHomography(H: Homography, s: number, t: number): Point {
  const w = H.g * s + H.h * t + 1;
  return [(H.a * s + H.b * t + H.c) / w, (H.d * s + H.e * t + H.f) / w];
}
