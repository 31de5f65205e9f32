import { ringSignedArea2, type Ring } from './ring';

function segmentDistance(p: readonly [number, number], a: readonly [number, number], b: readonly [number, number]): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Douglas–Peucker on pts[lo..hi], marking kept points. Iterative so long rings cannot overflow the stack. */
function markChain(pts: ReadonlyArray<readonly [number, number]>, lo: number, hi: number, tolerancePx: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[lo, hi]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    let worst = -1, worstD = tolerancePx;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(pts[i], pts[a], pts[b]);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([a, worst], [worst, b]);
  }
}

/**
 * Douglas–Peucker simplification of a closed ring with a tolerance in pixels. The ring stays closed
 * and keeps at least three distinct points (four with the closing one); when the tolerance would
 * collapse it, the input comes back unchanged. Topology between rings is not preserved: a large
 * tolerance can make a hole cross its exterior.
 *
 * @example
 * simplifyRing([[0, 0], [5, 0.2], [10, 0], [10, 10], [0, 10], [0, 0]], 0.5) // → [[0,0],[10,0],[10,10],[0,10],[0,0]]
 */
export function simplifyRing(ring: Ring, tolerancePx: number): Ring {
  const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
  const pts = closed ? ring.slice(0, -1) : ring.slice();
  const n = pts.length;
  if (n <= 3 || !(tolerancePx > 0)) return closeRing(pts);
  // split the ring at the point farthest from the first, so both halves are open chains
  let far = 0, farD = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(pts[i][0] - pts[0][0], pts[i][1] - pts[0][1]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const loop = [...pts, pts[0]];
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[far] = keep[n] = 1;
  markChain(loop, 0, far, tolerancePx, keep);
  markChain(loop, far, n, tolerancePx, keep);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push([pts[i][0], pts[i][1]]);
  return out.length >= 3 && ringSignedArea2(out) !== 0 ? closeRing(out) : closeRing(pts);
}

function closeRing(pts: ReadonlyArray<readonly [number, number]>): Ring {
  const out = pts.map((p) => [p[0], p[1]] as [number, number]);
  if (out.length > 0) out.push([out[0][0], out[0][1]]);
  return out;
}
