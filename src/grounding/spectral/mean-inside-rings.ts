/** A ring of pixel-corner coordinates, closed or not. */
type Ring = ReadonlyArray<readonly [number, number]>;

/**
 * Mean of `values` (row-major, `widthPx` wide, NaN skipped) over the pixels whose centres lie
 * inside the polygon (exterior + holes, even-odd rule), restricted to pixels where `mask` is set.
 * A scanline fill: each pixel row crosses the ring edges once per boundary, so the cost is rows ×
 * edges plus the pixels inside. NaN when no pixel counts.
 *
 * @example
 * meanInsideRings([[[0, 0], [2, 0], [2, 1], [0, 1]]], Float32Array.from([0.5, 0.7]), undefined, 2) // → 0.6
 */
export function meanInsideRings(rings: readonly Ring[], values: ArrayLike<number>, mask: ArrayLike<number> | undefined, widthPx: number): number {
  const heightPx = Math.floor(values.length / widthPx);
  let y0 = Infinity, y1 = -Infinity;
  for (const ring of rings) for (const [, y] of ring) { y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  let sum = 0, n = 0;
  const xs: number[] = [];
  for (let row = Math.max(0, Math.floor(y0)); row < Math.min(heightPx, Math.ceil(y1)); row++) {
    const cy = row + 0.5;
    xs.length = 0;
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[(i + 1) % ring.length];
        if ((ay <= cy) !== (by <= cy)) xs.push(ax + ((cy - ay) / (by - ay)) * (bx - ax));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // pixel x is inside when its centre x + 0.5 lies in [xs[k], xs[k+1])
      const from = Math.max(0, Math.ceil(xs[k] - 0.5)), to = Math.min(widthPx, Math.ceil(xs[k + 1] - 0.5));
      for (let x = from; x < to; x++) {
        const p = row * widthPx + x;
        const v = values[p];
        if ((mask && !mask[p]) || Number.isNaN(v)) continue;
        sum += v;
        n++;
      }
    }
  }
  return n ? sum / n : NaN;
}
