import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import { toUltrafaceInput } from '../../../../src/models/ultraface/preprocess';

function frame(width: number, height: number, layout: Frame['layout'], pixels: number[]): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels: Uint8Array.from(pixels), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const planes = (data: Float32Array, plane: number) => [0, 1, 2].map((k) => Array.from(data.subarray(k * plane, (k + 1) * plane)));

describe('toUltrafaceInput', () => {
  // One 2 × 1 frame whose pixels are R = 255, G = 127, B = 63 in every layout.
  const layouts: { layout: Frame['layout']; pixels: number[] }[] = [
    { layout: 'rgb24', pixels: [255, 127, 63, 255, 127, 63] },
    { layout: 'bgr24', pixels: [63, 127, 255, 63, 127, 255] },
    { layout: 'gbrp', pixels: [127, 127, 63, 63, 255, 255] },
  ];
  for (const { layout, pixels } of layouts) {
    it(`gives R, G, B planes of (x − 127) / 128 from a model-sized ${layout} frame`, () => {
      const f = frame(2, 1, layout, pixels);
      const { data, dims, toSource } = toUltrafaceInput(f, 2, 1);
      assert.deepEqual(dims, [1, 3, 1, 2]);
      assert.deepEqual(planes(data, 2), [[1, 1], [0, 0], [-0.5, -0.5]]);
      assert.deepEqual(toSource, f.toSource);
    });
  }

  it('stretches each axis on its own and records both scales', () => {
    // 8 × 2 → 4 × 4: x halves, y doubles.
    const { toSource } = toUltrafaceInput(frame(8, 2, 'rgb24', Array(48).fill(127)), 4, 4);
    assert.deepEqual(toSource, { scaleX: 0.5, scaleY: 2, offsetX: 0, offsetY: 0 });
  });

  it('defaults to the RFB-320 input, 320 × 240', () => {
    const { data, dims } = toUltrafaceInput(frame(4, 3, 'rgb24', Array(36).fill(127)));
    assert.deepEqual(dims, [1, 3, 240, 320]);
    assert.ok(data.every((v) => v === 0), '127 normalises to 0 everywhere: no padding');
  });
});
