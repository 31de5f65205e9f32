import assert from 'node:assert/strict';
import { boxToMask, decodeRle, encodeRle, rleArea } from '../../../../src/grounding/masks';
import { art, lcg } from './art';

function classMap(rows: string[]): { width: number; height: number; classes: Uint8Array } {
  const { mask, width, height } = art(rows);
  return { width, height, classes: mask };
}

describe('boxToMask', () => {
  // Class 1 is the object, 2 another class; the box picks the class-1 pixels whose centres it holds.
  const MAP = classMap([
    '0011000',
    '0111002',
    '0111122',
    '0000122',
  ]);
  const cases: { name: string; box: [number, number, number, number]; rows: string[] }[] = [
    { name: 'whole frame: every class-1 pixel', box: [0, 0, 7, 4], rows: ['..##...', '.###...', '.####..', '....#..'] },
    { name: 'left part', box: [0, 0, 3, 4], rows: ['..#....', '.##....', '.##....', '.......'] },
    { name: 'fractional edges take pixels by their centres', box: [1.5, 0.4, 3.6, 2.5], rows: ['..##...', '.###...', '.......', '.......'] },
    { name: 'box past the frame is clipped', box: [-10, 2, 100, 100], rows: ['.......', '.......', '.####..', '....#..'] },
    { name: 'box outside the frame: empty', box: [8, 0, 12, 4], rows: ['.......', '.......', '.......', '.......'] },
    { name: 'degenerate box: empty', box: [3, 3, 3, 1], rows: ['.......', '.......', '.......', '.......'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const expected = art(c.rows);
      const rle = boxToMask(MAP, 1, c.box);
      assert.deepEqual(rle.size, [4, 7]);
      assert.deepEqual(decodeRle(rle).mask, expected.mask);
      assert.equal(rle.counts, encodeRle(expected.mask, 7, 4).counts);
    });
  }

  it('agrees with a per-pixel computation on random class maps and boxes', () => {
    const rand = lcg(3);
    for (let t = 0; t < 100; t++) {
      const w = 1 + Math.floor(rand() * 30);
      const h = 1 + Math.floor(rand() * 30);
      const classes = Uint8Array.from({ length: w * h }, () => Math.floor(rand() * 3));
      const box = [rand() * w * 1.2 - 3, rand() * h * 1.2 - 3, rand() * w * 1.2, rand() * h * 1.2];
      const expected = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const inside = x + 0.5 >= box[0] && x + 0.5 < box[2] && y + 0.5 >= box[1] && y + 0.5 < box[3];
          expected[y * w + x] = inside && classes[y * w + x] === 1 ? 1 : 0;
        }
      }
      const rle = boxToMask({ width: w, height: h, classes }, 1, box);
      assert.equal(rle.counts, encodeRle(expected, w, h).counts);
      assert.equal(rleArea(rle), expected.reduce((s, v) => s + v, 0));
    }
  });
});
