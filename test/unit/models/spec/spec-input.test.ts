import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import type { ModelSpecInput } from '../../../../src/models/spec/model-spec';
import { toSpecTensor } from '../../../../src/models/spec/spec-input';

function frame(width: number, height: number, layout: Frame['layout'], pixels: number[]): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels: Uint8Array.from(pixels), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const input = (over: Partial<ModelSpecInput>): ModelSpecInput => ({
  width: 2, height: 2, layout: 'NCHW', colorOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'letterbox', padValue: 114, ...over,
});

/** A uniform packed frame of (R, G, B) = (30, 20, 10). */
const uniform = (w: number, h: number, layout: 'rgb24' | 'bgr24'): Frame =>
  frame(w, h, layout, Array.from({ length: w * h }, () => (layout === 'rgb24' ? [30, 20, 10] : [10, 20, 30])).flat());

describe('toSpecTensor', () => {
  it('copies a model-sized gbrp frame plane by plane into NCHW BGR (identity normalisation)', () => {
    const f = frame(2, 2, 'gbrp', [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]); // G=1, B=2, R=3
    const t = toSpecTensor(f, input({}));
    assert.deepEqual(t.dims, [1, 3, 2, 2]);
    assert.deepEqual(Array.from(t.data), [2, 2, 2, 2, 1, 1, 1, 1, 3, 3, 3, 3]);
    assert.deepEqual(t.toSource, f.toSource);
  });

  it('writes over a reused array of its length, every value (letterbox padding too), and allocates for another length', () => {
    const spec = input({ width: 4, height: 4 });
    const f = frame(2, 1, 'gbrp', [1, 1, 2, 2, 3, 3]);
    const fresh = toSpecTensor(f, spec);
    const reuse = new Float32Array(3 * 16).fill(-7);
    const t = toSpecTensor(f, spec, reuse);
    assert.equal(t.data, reuse);
    assert.deepEqual(Array.from(t.data), Array.from(fresh.data));
    const other = new Float32Array(5);
    assert.notEqual(toSpecTensor(f, spec, other).data, other);
  });

  const normalised: { name: string; layout: Frame['layout']; spec: Partial<ModelSpecInput>; first: number[]; dims: number[] }[] = [
    { name: 'rgb24 → NCHW RGB /255', layout: 'rgb24', spec: { colorOrder: 'RGB', std: [255, 255, 255] }, first: [30 / 255, 20 / 255, 10 / 255], dims: [1, 3, 2, 2] },
    { name: 'bgr24 → NHWC RGB (x − 127.5)/127.5', layout: 'bgr24', spec: { layout: 'NHWC', colorOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] }, first: [(30 - 127.5) / 127.5, (20 - 127.5) / 127.5, (10 - 127.5) / 127.5], dims: [1, 2, 2, 3] },
    { name: 'rgb24 → NHWC BGR with ImageNet-style per-channel mean/std', layout: 'rgb24', spec: { layout: 'NHWC', mean: [10, 20, 30], std: [2, 4, 5] }, first: [0, 0, 0], dims: [1, 2, 2, 3] },
  ];
  for (const c of normalised) {
    it(`normalises ${c.name}`, () => {
      const t = toSpecTensor(uniform(2, 2, c.layout as 'rgb24'), input(c.spec));
      assert.deepEqual(t.dims, c.dims);
      const plane = 4;
      const firstPixel = c.dims[1] === 3 ? [0, 1, 2].map((k) => t.data[k * plane]) : Array.from(t.data.subarray(0, 3));
      firstPixel.forEach((v, k) => assert.ok(Math.abs(v - c.first[k]) < 1e-6, `channel ${k}: ${v} vs ${c.first[k]}`));
    });
  }

  it('letterboxes a non-square input to the top-left and pads with the normalised pad value', () => {
    // 4x2 frame into 4x4 NCHW with std 2: rows 0..1 image (B = 10/2 = 5), rows 2..3 pad 114/2 = 57
    const t = toSpecTensor(uniform(4, 2, 'rgb24'), input({ width: 4, height: 4, std: [2, 2, 2] }));
    const blue = Array.from(t.data.subarray(0, 16));
    assert.deepEqual(blue, [...Array(8).fill(5), ...Array(8).fill(57)]);
    assert.deepEqual(t.toSource, { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 });
  });

  it('letterboxes into a wide 8x4 input by one scale for both axes', () => {
    const t = toSpecTensor(uniform(4, 4, 'bgr24'), input({ width: 8, height: 4 }));
    assert.deepEqual(t.toSource, { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 });
    const t2 = toSpecTensor(uniform(16, 4, 'bgr24'), input({ width: 8, height: 4 }));
    assert.deepEqual(t2.toSource, { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 });
    // 16x4 → 8x2: rows 0..1 image (B = 10), rows 2..3 pad
    assert.deepEqual([0, 1, 2, 3].map((row) => t2.data[8 * row]), [10, 10, 114, 114]);
  });

  it('stretches each axis and composes with the frame\'s own mapping', () => {
    const f = { ...uniform(4, 2, 'rgb24'), toSource: { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 } };
    const t = toSpecTensor(f, input({ width: 2, height: 2, resize: 'stretch' }));
    assert.deepEqual(t.toSource, { scaleX: 0.25, scaleY: 0.5, offsetX: 0, offsetY: 0 });
    assert.ok(t.data.every((v, i) => v === [10, 20, 30][Math.floor(i / 4)]));
  });
});
