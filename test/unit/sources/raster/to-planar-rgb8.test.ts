import assert from 'node:assert/strict';
import { percentileStretch, toPlanarRgb8 } from '../../../../src/sources/raster/to-planar-rgb8';

describe('toPlanarRgb8', () => {
  it('puts R, G, B bands into the G, B, R planes of a gbrp buffer', () => {
    const { pixels, validPixels } = toPlanarRgb8([Uint8Array.from([10, 11]), Uint8Array.from([20, 21]), Uint8Array.from([30, 31])]);
    assert.deepEqual(Array.from(pixels), [20, 21, 30, 31, 10, 11]);
    assert.equal(validPixels, 2);
  });

  it('repeats a single band as grey', () => {
    assert.deepEqual(Array.from(toPlanarRgb8([Uint8Array.from([7])]).pixels), [7, 7, 7]);
  });

  const cases: { name: string; band: number[]; lo: number; hi: number; out: number[] }[] = [
    { name: '16-bit stretched linearly, clipped at both ends', band: [100, 550, 1000, 1200, 0], lo: 100, hi: 1000, out: [0, 128, 255, 255, 0] },
    { name: 'float reflectance 0..1', band: [0, 0.5, 1], lo: 0, hi: 1, out: [0, 128, 255] },
    { name: 'a flat band maps to 0', band: [5, 5], lo: 5, hi: 5, out: [0, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const band = Float64Array.from(c.band);
      const { pixels } = toPlanarRgb8([band, band, band], { stretch: [0, 1, 2].map(() => ({ lo: c.lo, hi: c.hi })) });
      assert.deepEqual(Array.from(pixels.subarray(0, c.band.length)), c.out);
    });
  }

  it('blanks nodata (all three bands) and transparent pixels and counts only the valid ones', () => {
    const r = Uint16Array.from([0, 0, 9]);
    const g = Uint16Array.from([0, 5, 9]);
    const b = Uint16Array.from([0, 0, 9]);
    const alpha = Uint8Array.from([255, 255, 0]);
    const { pixels, validPixels } = toPlanarRgb8([r, g, b], { noData: 0, alpha });
    assert.equal(validPixels, 1, 'pixel 0 is nodata, pixel 2 transparent, pixel 1 (0,5,0) is data');
    assert.deepEqual(Array.from(pixels), [0, 5, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('percentileStretch', () => {
  const band = Uint16Array.from(Array.from({ length: 101 }, (_, i) => i * 10)); // 0, 10, ..., 1000
  const cases: { lowPct: number; highPct: number; noData?: number; lo: number; hi: number }[] = [
    { lowPct: 2, highPct: 98, lo: 20, hi: 980 },
    { lowPct: 0, highPct: 100, lo: 0, hi: 1000 },
    { lowPct: 0, highPct: 100, noData: 0, lo: 10, hi: 1000 },
  ];
  for (const c of cases) {
    it(`${c.lowPct}–${c.highPct}%${c.noData !== undefined ? ' without nodata' : ''} → ${c.lo}–${c.hi}`, () => {
      assert.deepEqual(percentileStretch(band, c.lowPct, c.highPct, c.noData), { lo: c.lo, hi: c.hi });
    });
  }
  it('ignores NaN and falls back to 0–255 for a band without data', () => {
    assert.deepEqual(percentileStretch(Float32Array.from([NaN, NaN]), 2, 98), { lo: 0, hi: 255 });
  });
});
