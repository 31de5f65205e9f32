import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import { toYoloxInput } from '../../../../src/models/yolox/preprocess';

function frame(width: number, height: number, layout: Frame['layout'], pixels: number[]): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels: Uint8Array.from(pixels), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('toYoloxInput', () => {
  it('copies a model-sized planar gbrp frame into B, G, R planes', () => {
    // 2x2: G plane = 1, B plane = 2, R plane = 3
    const f = frame(2, 2, 'gbrp', [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    const { data, toSource } = toYoloxInput(f, 2);
    assert.deepEqual(Array.from(data), [2, 2, 2, 2, 1, 1, 1, 1, 3, 3, 3, 3]);
    assert.deepEqual(toSource, f.toSource);
  });

  const layouts: { layout: Frame['layout']; pixel: number[] }[] = [
    { layout: 'rgb24', pixel: [30, 20, 10] },
    { layout: 'bgr24', pixel: [10, 20, 30] },
  ];
  for (const { layout, pixel } of layouts) {
    it(`letterboxes a ${layout} frame to the top-left and pads with 114`, () => {
      // 4x2 uniform frame (R=30, G=20, B=10) into 4x4: scale 1, rows 2..3 padded
      const f = frame(4, 2, layout, Array.from({ length: 8 }, () => pixel).flat());
      const { data, toSource } = toYoloxInput(f, 4);
      const plane = (k: number) => Array.from(data.subarray(k * 16, k * 16 + 16));
      assert.deepEqual(plane(0), [10, 10, 10, 10, 10, 10, 10, 10, 114, 114, 114, 114, 114, 114, 114, 114]);
      assert.deepEqual(plane(2).slice(0, 8), Array(8).fill(30));
      assert.deepEqual(toSource, { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 });
    });
  }

  it('downscales with bilinear sampling and records the scale back to the source', () => {
    // 4x4 gradient (value = 10·x, all channels) into 2x2: half-pixel centres average pairs
    const px: number[] = [];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) px.push(10 * x, 10 * x, 10 * x);
    const { data, toSource } = toYoloxInput(frame(4, 4, 'rgb24', px), 2);
    assert.deepEqual(Array.from(data.subarray(0, 4)), [5, 25, 5, 25]);
    assert.deepEqual(toSource, { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 });
  });

  it('composes with a frame that was already scaled by its source', () => {
    const f = { ...frame(4, 2, 'rgb24', Array(24).fill(0)), toSource: { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 } };
    const { toSource } = toYoloxInput(f, 2);
    // buffer 4→2 (×0.5) after source→buffer ×0.5: source→tensor ×0.25
    assert.deepEqual(toSource, { scaleX: 0.25, scaleY: 0.25, offsetX: 0, offsetY: 0 });
  });
});
