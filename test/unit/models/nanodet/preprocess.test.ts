import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import { NANODET_MEAN, NANODET_STD, toNanodetInput } from '../../../../src/models/nanodet/preprocess';

function frame(width: number, height: number, layout: Frame['layout'], pixels: number[]): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels: Uint8Array.from(pixels), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const close = (a: ArrayLike<number>, b: number[]): boolean => b.every((v, i) => Math.abs(a[i] - v) < 1e-5);
/** (value − mean) / std for B, G, R. */
const norm = (b: number, g: number, r: number): number[] => [(b - NANODET_MEAN[0]) / NANODET_STD[0], (g - NANODET_MEAN[1]) / NANODET_STD[1], (r - NANODET_MEAN[2]) / NANODET_STD[2]];

describe('toNanodetInput', () => {
  it('uses the normalisation the catalog records for nanodet-m-320', () => {
    const entry = findModelEntry('nanodet-m-320')!;
    assert.deepEqual([...NANODET_MEAN], [...entry.input.mean]);
    assert.deepEqual([...NANODET_STD], [...entry.input.std]);
    assert.equal(entry.input.colorOrder, 'BGR');
    assert.equal(entry.input.resize, 'stretch');
  });

  const layouts: { layout: Frame['layout']; pixels: number[] }[] = [
    { layout: 'gbrp', pixels: [...Array(4).fill(20), ...Array(4).fill(10), ...Array(4).fill(30)] }, // G, B, R planes
    { layout: 'rgb24', pixels: Array(4).fill([30, 20, 10]).flat() },
    { layout: 'bgr24', pixels: Array(4).fill([10, 20, 30]).flat() },
  ];
  for (const { layout, pixels } of layouts) {
    it(`normalises a model-sized ${layout} frame into B, G, R planes`, () => {
      const f = frame(2, 2, layout, pixels);
      const { data, dims, toSource } = toNanodetInput(f, 2, 2);
      assert.deepEqual(dims, [1, 3, 2, 2]);
      const [b, g, r] = norm(10, 20, 30);
      assert.ok(close(data, [b, b, b, b, g, g, g, g, r, r, r, r]), `${Array.from(data)}`);
      assert.deepEqual(toSource, f.toSource);
    });
  }

  it('stretches a frame of another size, each axis with its own scale', () => {
    // 8×2 uniform frame into 4×4: x scale 0.5, y scale 2, no padding anywhere
    const f = frame(8, 2, 'rgb24', Array(16).fill([30, 20, 10]).flat());
    const { data, toSource } = toNanodetInput(f, 4, 4);
    assert.ok(close(data.subarray(0, 16), Array(16).fill(norm(10, 20, 30)[0])));
    assert.deepEqual(toSource, { scaleX: 0.5, scaleY: 2, offsetX: 0, offsetY: 0 });
  });

  it('composes with a frame its source already scaled', () => {
    const f = { ...frame(8, 8, 'rgb24', Array(192).fill(0)), toSource: { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 } };
    assert.deepEqual(toNanodetInput(f, 4, 2).toSource, { scaleX: 0.25, scaleY: 0.125, offsetX: 0, offsetY: 0 });
  });
});
