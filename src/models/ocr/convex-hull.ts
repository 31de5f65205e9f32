import type { Point } from './point';

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * Convex hull by Andrew's monotone chain, with collinear points dropped, so every hull vertex is a
 * strict corner (the rotating calipers in {@link minAreaRect} rely on that). Vertices come in
 * counter-clockwise order in x-right/y-up terms (clockwise on screen, where y points down). Fewer
 * than three distinct points come back as they are, deduplicated.
 *
 * @example
 * convexHull([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2]]); // [[0,0],[2,0],[2,2],[0,2]]
 */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique: Point[] = [];
  for (const p of sorted) {
    const last = unique[unique.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) unique.push(p);
  }
  if (unique.length < 3) return unique;
  const lower: Point[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const p = unique[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  // Each chain ends where the other starts.
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}
