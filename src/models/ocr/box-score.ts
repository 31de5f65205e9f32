import type { Point } from './point';

/**
 * Mean of a map over the pixels whose centre lies in a convex polygon, edges included (DB's "fast"
 * box score: the mean probability inside the candidate box, compared with the box threshold).
 * 0 when no pixel centre is inside.
 *
 * @example
 * meanInPolygon(prob, 240, 160, quad); // 0.83
 */
export function meanInPolygon(map: ArrayLike<number>, width: number, height: number, polygon: readonly Point[]): number {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of polygon) {
    minY = Math.min(minY, p[1]);
    maxY = Math.max(maxY, p[1]);
  }
  const eps = 1e-6;
  const n = polygon.length;
  const y0 = Math.max(0, Math.ceil(minY - 0.5 - eps));
  const y1 = Math.min(height - 1, Math.floor(maxY - 0.5 + eps));
  let sum = 0;
  let count = 0;
  for (let py = y0; py <= y1; py++) {
    // A convex polygon cuts the row's centre line in one interval: span the edges that cross it.
    const cy = py + 0.5;
    let left = Infinity;
    let right = -Infinity;
    for (let i = 0; i < n; i++) {
      const a = polygon[i];
      const b = polygon[(i + 1) % n];
      if (cy < Math.min(a[1], b[1]) - eps || cy > Math.max(a[1], b[1]) + eps) continue;
      const dy = b[1] - a[1];
      if (Math.abs(dy) < eps) {
        left = Math.min(left, a[0], b[0]);
        right = Math.max(right, a[0], b[0]);
      } else {
        const t = Math.min(Math.max((cy - a[1]) / dy, 0), 1);
        const x = a[0] + t * (b[0] - a[0]);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
    const x0 = Math.max(0, Math.ceil(left - 0.5 - eps));
    const x1 = Math.min(width - 1, Math.floor(right - 0.5 + eps));
    const row = py * width;
    for (let px = x0; px <= x1; px++) sum += map[row + px];
    if (x1 >= x0) count += x1 - x0 + 1;
  }
  return count > 0 ? sum / count : 0;
}
