import assert from 'node:assert/strict';
import { connectedComponents, decodeRle, encodeRle, mergeRle, rleArea } from '../../../../src/grounding/masks';
import { isGroundstreamError } from '../../../../src/core/errors';
import { art, lcg } from './art';

function classMap(rows: string[]): { width: number; height: number; classes: Uint8Array } {
  const { mask, width, height } = art(rows);
  return { width, height, classes: mask };
}

describe('connectedComponents', () => {
  const cases: {
    name: string;
    rows: string[];
    classIndex?: number;
    minAreaPx?: number;
    connectivity?: 4 | 8;
    expected: { xyxy: [number, number, number, number]; areaPx: number; rows: string[] }[];
  }[] = [
    { name: 'no pixels of the class', rows: ['000', '020'], expected: [] },
    {
      name: 'two blobs, largest first',
      rows: ['1000', '0011', '0011'],
      expected: [
        { xyxy: [2, 1, 4, 3], areaPx: 4, rows: ['....', '..##', '..##'] },
        { xyxy: [0, 0, 1, 1], areaPx: 1, rows: ['#...', '....', '....'] },
      ],
    },
    {
      name: 'minAreaPx drops speckle',
      rows: ['1000', '0011', '0011'],
      minAreaPx: 2,
      expected: [{ xyxy: [2, 1, 4, 3], areaPx: 4, rows: ['....', '..##', '..##'] }],
    },
    {
      name: '8-connectivity joins a diagonal',
      rows: ['100', '010', '001'],
      expected: [{ xyxy: [0, 0, 3, 3], areaPx: 3, rows: ['#..', '.#.', '..#'] }],
    },
    {
      name: '4-connectivity splits it, equal areas in raster order',
      rows: ['100', '010', '001'],
      connectivity: 4,
      expected: [
        { xyxy: [0, 0, 1, 1], areaPx: 1, rows: ['#..', '...', '...'] },
        { xyxy: [1, 1, 2, 2], areaPx: 1, rows: ['...', '.#.', '...'] },
        { xyxy: [2, 2, 3, 3], areaPx: 1, rows: ['...', '...', '..#'] },
      ],
    },
    {
      name: 'another class index; a region ending on the last pixel and one spanning columns',
      rows: ['2200', '0202', '0002'],
      classIndex: 2,
      expected: [
        { xyxy: [0, 0, 2, 2], areaPx: 3, rows: ['##..', '.#..', '....'] },
        { xyxy: [3, 1, 4, 3], areaPx: 2, rows: ['....', '...#', '...#'] },
      ],
    },
    {
      name: 'a ring is one region (holes are not regions)',
      rows: ['1111', '1001', '1111'],
      expected: [{ xyxy: [0, 0, 4, 3], areaPx: 10, rows: ['####', '#..#', '####'] }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const map = classMap(c.rows);
      const got = connectedComponents(map, c.classIndex ?? 1, c.minAreaPx ?? 0, { connectivity: c.connectivity });
      assert.deepEqual(
        got.map((g) => ({ xyxy: g.xyxy, areaPx: g.areaPx })),
        c.expected.map((e) => ({ xyxy: e.xyxy, areaPx: e.areaPx })),
      );
      got.forEach((g, i) => {
        const e = art(c.expected[i].rows);
        assert.equal(g.rle.counts, encodeRle(e.mask, e.width, e.height).counts);
        assert.deepEqual(g.rle.size, [map.height, map.width]);
      });
    });
  }

  it('partitions the class on random maps: disjoint regions whose union is the class mask', () => {
    const rand = lcg(11);
    for (let t = 0; t < 60; t++) {
      const w = 1 + Math.floor(rand() * 40);
      const h = 1 + Math.floor(rand() * 40);
      const classes = Uint8Array.from({ length: w * h }, () => Math.floor(rand() * 3));
      const classMask = classes.map((v) => (v === 1 ? 1 : 0));
      for (const connectivity of [4, 8] as const) {
        const regions = connectedComponents({ width: w, height: h, classes }, 1, 0, { connectivity });
        const total = regions.reduce((s, r) => s + r.areaPx, 0);
        assert.equal(total, classMask.reduce((s, v) => s + v, 0));
        if (regions.length > 0) assert.equal(mergeRle(regions.map((r) => r.rle)).counts, encodeRle(classMask, w, h).counts);
        for (const r of regions) {
          assert.equal(rleArea(r.rle), r.areaPx);
          const { mask } = decodeRle(r.rle);
          for (let i = 0; i < w * h; i++) {
            if (!mask[i]) continue;
            const x = i % w;
            const y = (i - x) / w;
            assert.ok(x >= r.xyxy[0] && x < r.xyxy[2] && y >= r.xyxy[1] && y < r.xyxy[3]);
          }
        }
        for (let i = 1; i < regions.length; i++) assert.ok(regions[i - 1].areaPx >= regions[i].areaPx);
      }
    }
  });

  it('rejects a class map of the wrong length and a bad connectivity', () => {
    const bad = (fn: () => unknown) => assert.throws(fn, (e: unknown) => isGroundstreamError(e, 'invalid_argument'));
    bad(() => connectedComponents({ width: 3, height: 3, classes: new Uint8Array(8) }, 1));
    bad(() => connectedComponents({ width: 1, height: 1, classes: new Uint8Array(1) }, 1, 0, { connectivity: 6 as 4 }));
  });
});
