import assert from 'node:assert/strict';
import { blockEdges, blurRegion, pixelateBlockPx } from '../../../src/render';
import { changedPixels, copyImage, patternImage, pixelAt } from './images';

describe('pixelateBlockPx', () => {
  const cases: [number, number, number][] = [
    [1, 1, 8],
    [40, 48, 8],
    [64, 64, 8],
    [65, 10, 9],
    [200, 120, 25],
  ];
  for (const [w, h, block] of cases) it(`${w}x${h} → ${block} px`, () => assert.equal(pixelateBlockPx(w, h), block));
});

describe('blockEdges', () => {
  const cases: [number, number, number, number[]][] = [
    [0, 16, 8, [0, 8, 16]],
    [0, 20, 8, [0, 10, 20]],
    [5, 7, 8, [5, 12]],
    [3, 24, 8, [3, 11, 19, 27]],
  ];
  for (const [start, length, block, edges] of cases) {
    it(`${length} px from ${start} in blocks of ${block}`, () => {
      const e = blockEdges(start, length, block);
      assert.deepEqual(e, edges);
      for (let i = 0; i + 1 < e.length; i++) assert.ok(e.length === 2 || e[i + 1] - e[i] >= block, 'no block under the block size');
    });
  }
});

describe('blurRegion', () => {
  const cases: { name: string; box: number[]; blockPx?: number; rect: [number, number, number, number] }[] = [
    { name: 'region a multiple of the block', box: [8, 4, 40, 20], rect: [8, 4, 40, 20] },
    { name: 'region not a multiple of the block', box: [3, 5, 30, 26], rect: [3, 5, 30, 26] },
    { name: 'fractional box: partly covered pixels too', box: [3.6, 5.2, 29.1, 25.5], rect: [3, 5, 30, 26] },
    { name: 'small region: one block', box: [10, 10, 15, 14], rect: [10, 10, 15, 14] },
    { name: 'region cut by the image border', box: [-6, -6, 20, 12], rect: [0, 0, 20, 12] },
    { name: 'explicit block size', box: [0, 0, 48, 32], blockPx: 16, rect: [0, 0, 48, 32] },
  ];
  for (const c of cases) {
    it(`${c.name}: every block is its mean, nothing outside changes`, () => {
      const img = patternImage(48, 32);
      const before = copyImage(img);
      blurRegion(img, c.box, c.blockPx);
      const [x0, y0, x1, y1] = c.rect;
      const fullW = Math.ceil(c.box[2]) - Math.floor(c.box[0]);
      const fullH = Math.ceil(c.box[3]) - Math.floor(c.box[1]);
      const block = c.blockPx ?? pixelateBlockPx(fullW, fullH);
      const xs = blockEdges(x0, x1 - x0, block);
      const ys = blockEdges(y0, y1 - y0, block);
      for (let by = 0; by + 1 < ys.length; by++) {
        for (let bx = 0; bx + 1 < xs.length; bx++) {
          const sum = [0, 0, 0];
          let n = 0;
          for (let y = ys[by]; y < ys[by + 1]; y++) {
            for (let x = xs[bx]; x < xs[bx + 1]; x++) {
              pixelAt(before, x, y).forEach((v, k) => (sum[k] += v));
              n++;
            }
          }
          const mean = sum.map((s) => Math.round(s / n));
          for (let y = ys[by]; y < ys[by + 1]; y++) for (let x = xs[bx]; x < xs[bx + 1]; x++) assert.deepEqual(pixelAt(img, x, y), mean);
        }
      }
      for (const [x, y] of changedPixels(before, img)) assert.ok(x >= x0 && x < x1 && y >= y0 && y < y1, `pixel ${x},${y} outside the region changed`);
    });
  }

  it('leaves at most 8 x 8 colours in a square region (no finer detail survives)', () => {
    const img = patternImage(64, 64);
    blurRegion(img, [0, 0, 64, 64]);
    const distinct = new Set<string>();
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) distinct.add(pixelAt(img, x, y).join(','));
    assert.ok(distinct.size <= 64, `${distinct.size} colours left in an 8 x 8 mosaic`);
  });

  it('does nothing for a region outside the image', () => {
    const img = patternImage(16, 16);
    const before = copyImage(img);
    blurRegion(img, [20, 20, 40, 40]);
    assert.deepEqual(img.pixels, before.pixels);
  });
});
