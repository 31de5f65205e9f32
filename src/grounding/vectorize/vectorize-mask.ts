import { GroundstreamError } from '../../core/errors';
import { ringSignedArea2, type Ring } from './ring';
import { simplifyRing } from './simplify-ring';

/** One polygon of a mask: exterior ring and holes, on pixel corners. */
export interface MaskPolygon {
  /** Positive shoelace area in pixel coordinates (clockwise as displayed, y down). */
  exterior: Ring;
  /** Negative shoelace area in pixel coordinates (counter-clockwise as displayed). */
  holes: Ring[];
  /** Exact area in px² (the pixel count of the component), before simplification. */
  areaPx: number;
  /** Bounding box, xyxy pixels. */
  box: [number, number, number, number];
}

/** Options of {@link vectorizeMask}. */
export interface VectorizeOptions {
  /**
   * Foreground connectivity. 4 (default, as GDAL polygonize): pixels touching only at a corner are
   * separate polygons that share a vertex. 8: they are one polygon whose ring passes the shared vertex
   * twice.
   */
  connectivity?: 4 | 8;
  /** Douglas–Peucker tolerance in pixels; 0 (default) keeps every corner of the pixel staircase. */
  simplifyTolerancePx?: number;
  /** Polygons with a smaller `areaPx` are dropped. Default 0. */
  minAreaPx?: number;
  /** Added to every coordinate, e.g. the window origin to get scene pixels. Default [0, 0]. */
  originPx?: readonly [number, number];
}

const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

function labelComponents(mask: ArrayLike<number>, w: number, h: number, connectivity: 4 | 8): { labels: Int32Array; count: number } {
  const labels = new Int32Array(w * h).fill(-1);
  const stack = new Int32Array(w * h);
  let count = 0;
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || labels[start] >= 0) continue;
    labels[start] = count;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top];
      const px = p % w, py = (p - px) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const x = px + dx, y = py + dy;
          if (x < 0 || y < 0 || x >= w || y >= h) continue;
          const q = y * w + x;
          if (mask[q] && labels[q] < 0) {
            labels[q] = count;
            stack[top++] = q;
          }
        }
      }
    }
    count++;
  }
  return { labels, count };
}

/**
 * Binary mask (non-zero = foreground, row-major) → polygons with holes, traced along pixel edges so
 * pixel (x, y) is the square (x, y)–(x + 1, y + 1). Each boundary edge is walked with the foreground
 * on its right (as displayed), so exteriors come out clockwise as displayed and holes the other way;
 * at a vertex where two pixels touch only diagonally the walk turns towards its own pixel
 * (connectivity 4) or the diagonal one (8). Polygons are in the order of their first pixel
 * (row-major).
 *
 * @example
 * vectorizeMask(Uint8Array.from([1, 1, 0, 1]), 2, 2)[0].exterior // → [[0,0],[2,0],[2,1],[1,1],[1,2],[0,2],[0,0]]
 */
export function vectorizeMask(mask: ArrayLike<number>, widthPx: number, heightPx: number, options: VectorizeOptions = {}): MaskPolygon[] {
  const { connectivity = 4, simplifyTolerancePx = 0, minAreaPx = 0 } = options;
  const [ox, oy] = options.originPx ?? [0, 0];
  if (!Number.isInteger(widthPx) || !Number.isInteger(heightPx) || widthPx < 0 || heightPx < 0 || mask.length !== widthPx * heightPx) {
    throw new GroundstreamError('invalid_argument', 'mask', `mask of length ${mask.length} does not match ${widthPx}×${heightPx}`);
  }
  if (connectivity !== 4 && connectivity !== 8) throw new GroundstreamError('invalid_argument', 'connectivity', `connectivity must be 4 or 8, got ${String(connectivity)}`);
  const w = widthPx, h = heightPx, vw = w + 1;
  const fg = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] !== 0;
  const { labels, count } = labelComponents(mask, w, h, connectivity);

  // outgoing boundary edges per vertex as direction bits (0: +x, 1: +y, 2: -x, 3: -y)
  const edges = new Uint8Array(vw * (h + 1));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!fg(x, y)) continue;
      if (!fg(x, y - 1)) edges[y * vw + x] |= 1;
      if (!fg(x + 1, y)) edges[y * vw + x + 1] |= 2;
      if (!fg(x, y + 1)) edges[(y + 1) * vw + x + 1] |= 4;
      if (!fg(x - 1, y)) edges[(y + 1) * vw + x] |= 8;
    }
  }
  const used = new Uint8Array(edges.length);
  const turn = connectivity === 4 ? 1 : 3; // right turn keeps to the pixel, left turn crosses to the diagonal one
  const nextDir = (v: number, dir: number): number => {
    const bits = edges[v];
    if (bits === 1 || bits === 2 || bits === 4 || bits === 8) return Math.log2(bits);
    return (dir + turn) % 4; // a saddle: two edges leave this vertex
  };
  const pixelOfEdge = (vx: number, vy: number, dir: number): number => {
    const px = dir === 0 || dir === 3 ? vx : vx - 1;
    const py = dir === 0 || dir === 1 ? vy : vy - 1;
    return labels[py * w + px];
  };

  const exteriors = new Array<Ring | undefined>(count);
  const holes: Ring[][] = Array.from({ length: count }, () => []);
  const area2 = new Float64Array(count);
  for (let v = 0; v < edges.length; v++) {
    for (let d0 = 0; d0 < 4; d0++) {
      if (!(edges[v] & (1 << d0)) || used[v] & (1 << d0)) continue;
      const label = pixelOfEdge(v % vw, Math.floor(v / vw), d0);
      const ring: [number, number][] = [];
      let cur = v, dir = d0, prev = -1;
      do {
        used[cur] |= 1 << dir;
        const vx = cur % vw, vy = (cur - vx) / vw;
        if (dir !== prev) ring.push([vx + ox, vy + oy]); // only corners: straight runs add no vertex
        prev = dir;
        cur = (vy + DY[dir]) * vw + vx + DX[dir];
        dir = nextDir(cur, dir);
      } while (cur !== v || dir !== d0);
      // the start is a corner unless the walk arrives in the start direction
      if (ring.length > 1 && prev === d0) ring.shift();
      const a2 = ringSignedArea2(ring);
      area2[label] += a2;
      ring.push([ring[0][0], ring[0][1]]);
      if (a2 > 0) exteriors[label] = ring;
      else holes[label].push(ring);
    }
  }

  const out: MaskPolygon[] = [];
  for (let c = 0; c < count; c++) {
    const exterior = exteriors[c];
    const areaPx = area2[c] / 2;
    if (!exterior || areaPx < minAreaPx) continue;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const [x, y] of exterior) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    out.push({
      exterior: simplifyRing(exterior, simplifyTolerancePx),
      holes: holes[c].map((r) => simplifyRing(r, simplifyTolerancePx)),
      areaPx,
      box: [x0, y0, x1, y1],
    });
  }
  return out;
}
