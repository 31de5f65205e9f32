import assert from 'node:assert/strict';
import { convexHull } from '../../../../src/models/ocr/convex-hull';
import { minAreaRect, rectCorners, type RotatedRect } from '../../../../src/models/ocr/min-area-rect';
import { orderQuad } from '../../../../src/models/ocr/order-quad';
import type { Point } from '../../../../src/models/ocr/point';
import { unclipDistance, unclipRect } from '../../../../src/models/ocr/unclip-rect';

const near = (a: number, b: number, eps = 1e-6): boolean => Math.abs(a - b) <= eps;

/** Sorted side lengths, so a rectangle compares the same whichever side it calls its width. */
const sides = (r: RotatedRect): number[] => [r.width, r.height].sort((a, b) => a - b);

/** Smallest area over every hull edge direction, by projecting all points: slow, obviously right. */
function bruteMinArea(points: Point[]): number {
  const hull = convexHull(points);
  let best = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const [a, b] = [hull[i], hull[(i + 1) % hull.length]];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const u = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    const pu = points.map((p) => p[0] * u[0] + p[1] * u[1]);
    const pv = points.map((p) => -p[0] * u[1] + p[1] * u[0]);
    best = Math.min(best, (Math.max(...pu) - Math.min(...pu)) * (Math.max(...pv) - Math.min(...pv)));
  }
  return best;
}

/** A seeded generator, so a failing random case reproduces. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('convexHull', () => {
  const cases: { name: string; points: Point[]; hull: Point[] }[] = [
    { name: 'square with an inside point', points: [[0, 0], [2, 0], [1, 1], [2, 2], [0, 2]], hull: [[0, 0], [2, 0], [2, 2], [0, 2]] },
    { name: 'collinear edge points dropped', points: [[0, 0], [1, 0], [2, 0], [2, 1], [0, 1]], hull: [[0, 0], [2, 0], [2, 1], [0, 1]] },
    { name: 'duplicates', points: [[1, 1], [1, 1], [3, 1], [3, 1], [2, 4]], hull: [[1, 1], [3, 1], [2, 4]] },
    { name: 'two points', points: [[5, 5], [1, 2], [5, 5]], hull: [[1, 2], [5, 5]] },
    { name: 'all collinear', points: [[0, 0], [1, 1], [2, 2]], hull: [[0, 0], [2, 2]] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(convexHull(c.points), c.hull));
  }
});

describe('minAreaRect', () => {
  const cases: { name: string; points: Point[]; sides: number[]; centre: Point }[] = [
    { name: 'axis-aligned rectangle', points: [[0, 0], [4, 0], [4, 2], [0, 2], [2, 1], [1, 1.5]], sides: [2, 4], centre: [2, 1] },
    { name: 'a single run of pixel centres', points: [[0.5, 0.5], [9.5, 0.5]], sides: [0, 9], centre: [5, 0.5] },
    { name: 'one point', points: [[3, 4]], sides: [0, 0], centre: [3, 4] },
    { name: 'diamond (a square turned 45°)', points: [[0, 1], [1, 0], [2, 1], [1, 2]], sides: [Math.SQRT2, Math.SQRT2], centre: [1, 1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = minAreaRect(c.points);
      assert.ok(sides(r).every((s, i) => near(s, c.sides[i])), `sides ${sides(r)} vs ${c.sides}`);
      assert.ok(near(r.cx, c.centre[0]) && near(r.cy, c.centre[1]), `centre ${r.cx},${r.cy}`);
    });
  }

  for (const deg of [0, 10, 30, 45, 60, 89, 120, -15]) {
    it(`finds a 40 × 8 rectangle turned by ${deg}° from points filling it`, () => {
      const a = (deg * Math.PI) / 180;
      const truth: RotatedRect = { cx: 100, cy: 50, width: 40, height: 8, angle: a };
      const rnd = lcg(deg + 100);
      const inside: Point[] = Array.from({ length: 50 }, () => {
        const s = (rnd() - 0.5) * 40;
        const t = (rnd() - 0.5) * 8;
        return [100 + s * Math.cos(a) - t * Math.sin(a), 50 + s * Math.sin(a) + t * Math.cos(a)];
      });
      const r = minAreaRect([...rectCorners(truth), ...inside]);
      assert.ok(near(r.width * r.height, 320, 1e-6), `area ${r.width * r.height}`);
      assert.ok(near(sides(r)[0], 8) && near(sides(r)[1], 40));
      assert.ok(near(r.cx, 100) && near(r.cy, 50));
    });
  }

  it('matches a brute-force search on 200 random point sets', () => {
    const rnd = lcg(7);
    for (let k = 0; k < 200; k++) {
      const n = 3 + Math.floor(rnd() * 40);
      const pts: Point[] = Array.from({ length: n }, () => [Math.round(rnd() * 60), Math.round(rnd() * 30)]);
      const r = minAreaRect(pts);
      const brute = bruteMinArea(pts);
      assert.ok(near(r.width * r.height, brute, 1e-6 * Math.max(1, brute)), `set ${k}: ${r.width * r.height} vs ${brute}`);
      // Every point is inside the rectangle found.
      const ux = Math.cos(r.angle);
      const uy = Math.sin(r.angle);
      for (const [x, y] of pts) {
        const s = (x - r.cx) * ux + (y - r.cy) * uy;
        const t = -(x - r.cx) * uy + (y - r.cy) * ux;
        assert.ok(Math.abs(s) <= r.width / 2 + 1e-6 && Math.abs(t) <= r.height / 2 + 1e-6, `set ${k}: (${x},${y}) outside`);
      }
    }
  });
});

describe('rectCorners and orderQuad', () => {
  it('gives corners −w/−h, +w/−h, +w/+h, −w/+h', () => {
    assert.deepEqual(rectCorners({ cx: 1, cy: 1, width: 2, height: 2, angle: 0 }), [[0, 0], [2, 0], [2, 2], [0, 2]]);
  });

  const cases: { name: string; corners: Point[]; quad: Point[] }[] = [
    { name: 'shuffled axis-aligned', corners: [[10, 5], [0, 5], [10, 0], [0, 0]], quad: [[0, 0], [10, 0], [10, 5], [0, 5]] },
    { name: 'slanted down to the right', corners: [[19, 9], [-1, 5], [0, 0], [20, 4]], quad: [[0, 0], [20, 4], [19, 9], [-1, 5]] },
    { name: 'slanted up to the right', corners: [[1, 9], [0, 4], [20, 0], [21, 5]], quad: [[0, 4], [20, 0], [21, 5], [1, 9]] },
  ];
  for (const c of cases) {
    it(`orders ${c.name} from the top-left, clockwise on screen`, () => assert.deepEqual(orderQuad(c.corners), c.quad));
  }
});

describe('unclip', () => {
  const cases = [
    { w: 100, h: 10, ratio: 1.5, d: (1000 * 1.5) / 220 },
    { w: 10, h: 10, ratio: 1.5, d: 3.75 },
    { w: 30, h: 6, ratio: 2, d: 5 },
    { w: 0, h: 0, ratio: 1.5, d: 0 },
  ];
  for (const c of cases) {
    it(`pushes a ${c.w} × ${c.h} kernel out by area × ${c.ratio} / perimeter = ${c.d.toFixed(3)}`, () => {
      assert.ok(near(unclipDistance(c.w, c.h, c.ratio), c.d));
      const r = unclipRect({ cx: 7, cy: 3, width: c.w, height: c.h, angle: 0.3 }, c.ratio);
      assert.ok(near(r.width, c.w + 2 * c.d) && near(r.height, c.h + 2 * c.d));
      assert.deepEqual([r.cx, r.cy, r.angle], [7, 3, 0.3]);
    });
  }
});
