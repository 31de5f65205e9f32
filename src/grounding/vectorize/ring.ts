/** A closed ring of `[x, y]` pixel-corner points: the first point is repeated last. */
export type Ring = [number, number][];

/**
 * Twice the signed area of a ring (closed or open) by the shoelace formula. In pixel coordinates
 * (y down) a positive value is clockwise as displayed.
 *
 * @example
 * ringSignedArea2([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) // → 2
 */
export function ringSignedArea2(ring: ReadonlyArray<readonly [number, number]>): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % n];
    s += x0 * y1 - x1 * y0;
  }
  return s;
}
