/** A window of scene pixels, half-open: x0 ≤ x < x1, y0 ≤ y < y1. */
export interface PixelWindow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * One filled shape: its rings as flat x, y pairs in scene pixels (pixel-corner convention, closed
 * or not), filled by the even-odd rule, so holes given as further rings stay empty whatever their
 * winding, and `value` the byte painted.
 */
export interface RasterShape {
  rings: readonly (readonly number[])[];
  value: number;
}

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A shape ready to paint into many windows: its edges and bounding box. */
export interface PreparedShape {
  value: number;
  edges: Edge[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Edges and bounds of a shape; rings with fewer than 3 points are dropped. */
export function prepareShape(shape: RasterShape): PreparedShape {
  const edges: Edge[] = [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of shape.rings) {
    const n = Math.floor(ring.length / 2);
    if (n < 3) continue;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const e = { x0: ring[2 * i], y0: ring[2 * i + 1], x1: ring[2 * j], y1: ring[2 * j + 1] };
      if (e.y0 !== e.y1) edges.push(e); // a closing point equal to the first gives a zero edge, skipped too
      minX = Math.min(minX, e.x0); maxX = Math.max(maxX, e.x0);
      minY = Math.min(minY, e.y0); maxY = Math.max(maxY, e.y0);
    }
  }
  return { value: shape.value, edges, minX, minY, maxX, maxY };
}

/**
 * Paints shapes into a window's buffer (row-major, `stride` bytes a row, pixel (x0, y0) at 0), in
 * order, later shapes over earlier ones. A pixel is inside when its centre (x + 0.5, y + 0.5) is,
 * by the even-odd rule over all the shape's rings; a centre exactly on a left edge is inside, on a
 * right edge outside, so two shapes sharing an edge never both take a pixel.
 *
 * @example
 * const out = new Uint8Array(16);
 * rasterizeShapes([prepareShape({ rings: [[1, 1, 3, 1, 3, 3, 1, 3]], value: 7 })], { x0: 0, y0: 0, x1: 4, y1: 4 }, out, 4);
 * // → rows 1 and 2, columns 1 and 2 are 7
 */
export function rasterizeShapes(shapes: readonly PreparedShape[], window: PixelWindow, out: Uint8Array, stride = window.x1 - window.x0): void {
  const xs: number[] = [];
  for (const s of shapes) {
    if (s.edges.length === 0 || s.maxX <= window.x0 || s.minX >= window.x1 || s.maxY <= window.y0 || s.minY >= window.y1) continue;
    const yStart = Math.max(window.y0, Math.floor(s.minY));
    const yEnd = Math.min(window.y1, Math.ceil(s.maxY));
    for (let y = yStart; y < yEnd; y++) {
      const yc = y + 0.5;
      xs.length = 0;
      for (const e of s.edges) {
        if ((e.y0 <= yc) !== (e.y1 <= yc)) xs.push(e.x0 + ((yc - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0));
      }
      if (xs.length < 2) continue;
      xs.sort((a, b) => a - b);
      const row = (y - window.y0) * stride - window.x0;
      for (let k = 0; k + 1 < xs.length; k += 2) {
        // centres x + 0.5 in [xa, xb)
        const from = Math.max(window.x0, Math.ceil(xs[k] - 0.5));
        const to = Math.min(window.x1, Math.ceil(xs[k + 1] - 0.5));
        if (to > from) out.fill(s.value, row + from, row + to);
      }
    }
  }
}
