import assert from 'node:assert/strict';
import { createYunetPriors } from '../../../../src/models/yunet/priors';

const prior = (p: Float32Array, i: number) => Array.from(p.subarray(i * 4, i * 4 + 4), (v) => Math.round(v * 1e6) / 1e6);
const r = (v: number) => Math.round(v * 1e6) / 1e6;

describe('createYunetPriors', () => {
  // Map cells per stride 8/16/32/64 × priors per cell 3/2/2/3.
  const counts = [
    { w: 160, h: 120, cells: '20×15, 10×7, 5×3, 2×1', n: 900 + 140 + 30 + 6 },
    { w: 320, h: 240, cells: '40×30, 20×15, 10×7, 5×3', n: 3600 + 600 + 140 + 45 },
    { w: 640, h: 640, cells: '80×80, 40×40, 20×20, 10×10', n: 19200 + 3200 + 800 + 300 },
  ];
  for (const c of counts) {
    it(`gives ${c.n} priors for ${c.w} × ${c.h} (${c.cells})`, () => {
      assert.equal(createYunetPriors(c.w, c.h).length / 4, c.n);
    });
  }

  const rows = [
    { name: 'first prior: stride 8, cell (0, 0), size 10', i: 0, want: [4 / 160, 4 / 120, 10 / 160, 10 / 120] },
    { name: 'sizes innermost: cell (0, 0), size 24', i: 2, want: [4 / 160, 4 / 120, 24 / 160, 24 / 120] },
    { name: 'row-major: next column, size 10', i: 3, want: [12 / 160, 4 / 120, 10 / 160, 10 / 120] },
    { name: 'second row starts after 20 cells', i: 60, want: [4 / 160, 12 / 120, 10 / 160, 10 / 120] },
    { name: 'stride 16 map starts at 900', i: 900, want: [8 / 160, 8 / 120, 32 / 160, 32 / 120] },
    { name: 'last prior: stride 64, cell (1, 0), size 256', i: 1075, want: [96 / 160, 32 / 120, 256 / 160, 256 / 120] },
  ];
  for (const row of rows) {
    it(`orders priors as the network does: ${row.name}`, () => {
      assert.deepEqual(prior(createYunetPriors(160, 120), row.i), row.want.map(r));
    });
  }
});
