import assert from 'node:assert/strict';
import { ringSignedArea2, simplifyRing, vectorizeMask, vectorizeTileMasks, type Ring } from '../../../../src/grounding/vectorize';

/** Rows of '#' (foreground) and '.' (background). */
function art(rows: string[]): { mask: Uint8Array; w: number; h: number } {
  const w = rows[0].length, h = rows.length;
  return { mask: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)), w, h };
}
const closed = (r: Ring): boolean => r.length >= 4 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1];

describe('vectorizeMask', () => {
  const cases: { name: string; rows: string[]; connectivity?: 4 | 8; polygons: { exterior: [number, number][]; holes: number; areaPx: number }[] }[] = [
    { name: 'single pixel', rows: ['...', '.#.', '...'], polygons: [{ exterior: [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]], holes: 0, areaPx: 1 }] },
    { name: 'filled square', rows: ['###', '###', '###'], polygons: [{ exterior: [[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]], holes: 0, areaPx: 9 }] },
    {
      name: 'L shape',
      rows: ['#..', '#..', '###'],
      polygons: [{ exterior: [[0, 0], [1, 0], [1, 2], [3, 2], [3, 3], [0, 3], [0, 0]], holes: 0, areaPx: 5 }],
    },
    { name: 'square with a hole', rows: ['####', '#..#', '####'], polygons: [{ exterior: [[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]], holes: 1, areaPx: 10 }] },
    {
      name: 'two separate blobs',
      rows: ['##...', '##..#'],
      polygons: [
        { exterior: [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], holes: 0, areaPx: 4 },
        { exterior: [[4, 1], [5, 1], [5, 2], [4, 2], [4, 1]], holes: 0, areaPx: 1 },
      ],
    },
    {
      name: 'diagonal pixels, 4-connectivity: two polygons sharing a vertex',
      rows: ['#.', '.#'],
      polygons: [
        { exterior: [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], holes: 0, areaPx: 1 },
        { exterior: [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]], holes: 0, areaPx: 1 },
      ],
    },
    {
      name: 'diagonal pixels, 8-connectivity: one polygon through the shared vertex',
      rows: ['#.', '.#'],
      connectivity: 8,
      polygons: [{ exterior: [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]], holes: 0, areaPx: 2 }],
    },
    {
      name: 'ring with a diagonal gap, 4-connectivity: no hole (the background leaks out diagonally)',
      rows: ['###', '#.#', '##.'],
      polygons: [{ exterior: [], holes: 0, areaPx: 7 }],
    },
    {
      name: 'ring with a diagonal gap, 8-connectivity: a hole',
      rows: ['###', '#.#', '##.'],
      connectivity: 8,
      polygons: [{ exterior: [], holes: 1, areaPx: 7 }],
    },
    {
      name: 'island inside a hole is its own polygon',
      rows: ['#####', '#...#', '#.#.#', '#...#', '#####'],
      polygons: [
        { exterior: [[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]], holes: 1, areaPx: 16 },
        { exterior: [[2, 2], [3, 2], [3, 3], [2, 3], [2, 2]], holes: 0, areaPx: 1 },
      ],
    },
    { name: 'empty mask', rows: ['...', '...'], polygons: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { mask, w, h } = art(c.rows);
      const got = vectorizeMask(mask, w, h, { connectivity: c.connectivity });
      assert.equal(got.length, c.polygons.length);
      c.polygons.forEach((p, i) => {
        if (p.exterior.length) assert.deepEqual(got[i].exterior, p.exterior);
        assert.equal(got[i].holes.length, p.holes);
        assert.equal(got[i].areaPx, p.areaPx);
        // orientation: exterior positive shoelace in pixel coords, holes negative; all closed
        assert.ok(ringSignedArea2(got[i].exterior) > 0 && closed(got[i].exterior));
        for (const hole of got[i].holes) assert.ok(ringSignedArea2(hole) < 0 && closed(hole));
      });
    });
  }

  it('the hole ring of a square with a hole', () => {
    const { mask, w, h } = art(['####', '#..#', '####']);
    assert.deepEqual(vectorizeMask(mask, w, h)[0].holes[0], [[1, 1], [1, 2], [3, 2], [3, 1], [1, 1]]);
  });

  it('drops polygons under minAreaPx and offsets by originPx', () => {
    const { mask, w, h } = art(['##...', '##..#']);
    const got = vectorizeMask(mask, w, h, { minAreaPx: 2, originPx: [100, 50] });
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].box, [100, 50, 102, 52]);
    assert.deepEqual(got[0].exterior[0], [100, 50]);
  });

  it('simplifies a staircase within the tolerance and keeps the ring valid', () => {
    // a right triangle of pixels: the hypotenuse is a staircase
    const n = 20;
    const rows = Array.from({ length: n }, (_, y) => '#'.repeat(y + 1) + '.'.repeat(n - y - 1));
    const { mask, w, h } = art(rows);
    const [raw] = vectorizeMask(mask, w, h);
    const [simple] = vectorizeMask(mask, w, h, { simplifyTolerancePx: 1 });
    assert.ok(raw.exterior.length > 30);
    assert.ok(simple.exterior.length <= 6, `${simple.exterior.length} points`);
    assert.ok(closed(simple.exterior) && ringSignedArea2(simple.exterior) > 0);
    assert.equal(simple.areaPx, raw.areaPx);
  });

  it('rejects a mask that does not match its size', () => {
    assert.throws(() => vectorizeMask(new Uint8Array(5), 2, 2), /does not match/);
  });
});

describe('simplifyRing', () => {
  const cases: { name: string; ring: Ring; tol: number; out: Ring }[] = [
    { name: 'drops a near-collinear point', ring: [[0, 0], [5, 0.2], [10, 0], [10, 10], [0, 10], [0, 0]], tol: 0.5, out: [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]] },
    { name: 'tolerance 0 keeps all', ring: [[0, 0], [5, 0.2], [10, 0], [10, 10], [0, 10], [0, 0]], tol: 0, out: [[0, 0], [5, 0.2], [10, 0], [10, 10], [0, 10], [0, 0]] },
    { name: 'never collapses below a triangle', ring: [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], tol: 100, out: [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]] },
    { name: 'closes an open ring', ring: [[0, 0], [4, 0], [4, 4]], tol: 1, out: [[0, 0], [4, 0], [4, 4], [0, 0]] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(simplifyRing(c.ring, c.tol), c.out));
});

describe('vectorizeTileMasks', () => {
  it('a blob straddling a seam becomes one polygon in scene pixels', () => {
    // tiles A = x [0, 6), B = x [4, 10), rows [0, 3); the blob spans scene x [3, 8), y [1, 3)
    const a = { window: { x0: 0, y0: 0, x1: 6, y1: 3 }, mask: art(['......', '...###', '...###']).mask };
    const b = { window: { x0: 4, y0: 0, x1: 10, y1: 3 }, mask: art(['......', '####..', '####..']).mask };
    const got = vectorizeTileMasks([a, b]);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].exterior, [[3, 1], [8, 1], [8, 3], [3, 3], [3, 1]]);
    assert.equal(got[0].areaPx, 10);
  });
  it('a region limits the output and offsets it', () => {
    const a = { window: { x0: 10, y0: 20, x1: 13, y1: 22 }, mask: art(['###', '...']).mask };
    const got = vectorizeTileMasks([a], { region: { x0: 11, y0: 20, x1: 13, y1: 22 } });
    assert.deepEqual(got[0].box, [11, 20, 13, 21]);
  });
  it('no tiles, no polygons', () => assert.deepEqual(vectorizeTileMasks([]), []));
});
