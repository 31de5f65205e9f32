import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import { toYunetInput } from '../../../../src/models/yunet/preprocess';

function frame(width: number, height: number, layout: Frame['layout'], pixels: number[]): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels: Uint8Array.from(pixels), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const planes = (data: Float32Array, plane: number) => [0, 1, 2].map((k) => Array.from(data.subarray(k * plane, (k + 1) * plane)));

describe('toYunetInput', () => {
  // One 2 × 1 frame whose pixels are R = 200, G = 100, B = 50 in every layout.
  const layouts: { layout: Frame['layout']; pixels: number[] }[] = [
    { layout: 'rgb24', pixels: [200, 100, 50, 200, 100, 50] },
    { layout: 'bgr24', pixels: [50, 100, 200, 50, 100, 200] },
    { layout: 'gbrp', pixels: [100, 100, 50, 50, 200, 200] },
  ];
  for (const { layout, pixels } of layouts) {
    it(`gives B, G, R planes of raw 0..255 values from a model-sized ${layout} frame`, () => {
      const f = frame(2, 1, layout, pixels);
      const { data, dims, toSource } = toYunetInput(f, 2, 1);
      assert.deepEqual(dims, [1, 3, 1, 2]);
      assert.deepEqual(planes(data, 2), [[50, 50], [100, 100], [200, 200]]);
      assert.deepEqual(toSource, f.toSource);
    });
  }

  it('stretches a frame of another size and records both scales', () => {
    // 4 × 4 horizontal gradient (10·x) → 2 × 1: half-pixel centres average column pairs.
    const px: number[] = [];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) px.push(10 * x, 10 * x, 10 * x);
    const { data, toSource } = toYunetInput(frame(4, 4, 'rgb24', px), 2, 1);
    assert.deepEqual(Array.from(data.subarray(0, 2)), [5, 25]);
    assert.deepEqual(toSource, { scaleX: 0.5, scaleY: 0.25, offsetX: 0, offsetY: 0 });
  });

  it('defaults to the 160 × 120 export', () => {
    assert.deepEqual(toYunetInput(frame(2, 2, 'gbrp', Array(12).fill(0))).dims, [1, 3, 120, 160]);
  });
});
