import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import { fastestdetSpecInput, toFastestdetInput } from '../../../../src/models/fastestdet/preprocess';

function frame(width: number, height: number, layout: Frame['layout'], pixels: number[]): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels: Uint8Array.from(pixels), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const close = (a: ArrayLike<number>, b: number[]): boolean => b.every((v, i) => Math.abs(a[i] - v) < 1e-6);

describe('toFastestdetInput', () => {
  it('uses the preprocessing the catalog records for fastestdet-352', () => {
    const entry = findModelEntry('fastestdet-352')!;
    const spec = fastestdetSpecInput(352, 352);
    assert.deepEqual([...spec.mean], [...entry.input.mean]);
    assert.deepEqual([...spec.std], [...entry.input.std]);
    assert.equal(spec.colorOrder, entry.input.colorOrder);
    assert.equal(spec.resize, entry.input.resize);
  });

  const layouts: { layout: Frame['layout']; pixels: number[] }[] = [
    { layout: 'gbrp', pixels: [...Array(4).fill(102), ...Array(4).fill(51), ...Array(4).fill(255)] }, // G, B, R planes
    { layout: 'rgb24', pixels: Array(4).fill([255, 102, 51]).flat() },
    { layout: 'bgr24', pixels: Array(4).fill([51, 102, 255]).flat() },
  ];
  for (const { layout, pixels } of layouts) {
    it(`scales a model-sized ${layout} frame to B, G, R planes of 0..1`, () => {
      const f = frame(2, 2, layout, pixels);
      const { data, dims, toSource } = toFastestdetInput(f, 2, 2);
      assert.deepEqual(dims, [1, 3, 2, 2]);
      assert.ok(close(data, [0.2, 0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 1, 1, 1, 1]), `${Array.from(data)}`);
      assert.deepEqual(toSource, f.toSource);
    });
  }

  it('stretches a frame of another size bilinearly, each axis with its own scale', () => {
    // 4×1 gradient (10·x) into 2×2: half-pixel centres average pairs along x, repeat along y
    const px = [0, 10, 20, 30].flatMap((v) => [v, v, v]);
    const { data, toSource } = toFastestdetInput(frame(4, 1, 'rgb24', px), 2, 2);
    assert.ok(close(data.subarray(0, 4), [5 / 255, 25 / 255, 5 / 255, 25 / 255]), `${Array.from(data.subarray(0, 4))}`);
    assert.deepEqual(toSource, { scaleX: 0.5, scaleY: 2, offsetX: 0, offsetY: 0 });
  });
});
