import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { argmaxClasses, decodeClassLogits } from '../../../../src/models/deeplab/postprocess';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';

/** NHWC scores [1, h, w, c] whose argmax is `classes` (row-major), with score 1 for the class, 0 elsewhere. */
function oneHot(classes: number[][], c: number): FloatTensor {
  const h = classes.length;
  const w = classes[0].length;
  const data = new Float32Array(h * w * c);
  classes.flat().forEach((k, i) => { data[i * c + k] = 1; });
  return { data, dims: [1, h, w, c] };
}

const IDENTITY = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
const LABELS3 = ['background', 'a', 'b'];

function rows(classes: Uint8Array, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < classes.length; i += width) out.push(Array.from(classes.subarray(i, i + width)).join(''));
  return out;
}

describe('segmentation postprocess', () => {
  describe('argmaxClasses', () => {
    it('takes the highest score per pixel, the first one on ties, as numpy argmax', () => {
      const data = Float32Array.from([
        -1, 3, 2, /**/ 5, 5, 1, /**/ 0, 0, 0, /**/ -3, -2, -1,
      ]);
      assert.deepEqual(argmaxClasses({ data, dims: [1, 2, 2, 3] }), { classes: Uint8Array.from([1, 0, 0, 2]), width: 2, height: 2 });
    });

    it('rejects outputs that are not [1, H, W, C] or have too many classes', () => {
      const bad = (t: FloatTensor) => assert.throws(() => argmaxClasses(t), (e: unknown) => isGroundstreamError(e, 'model_input_mismatch'));
      bad({ data: new Float32Array(6), dims: [2, 3] });
      bad({ data: new Float32Array(12), dims: [2, 1, 2, 3] });
      bad({ data: new Float32Array(300), dims: [1, 1, 1, 300] });
    });
  });

  describe('decodeClassLogits', () => {
    const cases: { name: string; scores: number[][]; toSource: typeof IDENTITY; sourceWidth: number; sourceHeight: number; expected: string[] }[] = [
      {
        name: 'same size: the argmax itself',
        scores: [[0, 1], [2, 0]],
        toSource: IDENTITY,
        sourceWidth: 2,
        sourceHeight: 2,
        expected: ['01', '20'],
      },
      {
        name: 'stretched up ×2 then ×1.5: each tensor pixel covers a block',
        scores: [[0, 1], [2, 0]],
        toSource: { scaleX: 0.5, scaleY: 2 / 3, offsetX: 0, offsetY: 0 },
        sourceWidth: 4,
        sourceHeight: 3,
        // rows: source centres 0.5, 1.5, 2.5 → tensor 0.33, 1.0, 1.67 → rows 0, 1, 1
        expected: ['0011', '2200', '2200'],
      },
      {
        name: 'stretched down: the tensor pixel under each source centre',
        scores: [[0, 1, 2, 1], [1, 2, 0, 0]],
        toSource: { scaleX: 2, scaleY: 1, offsetX: 0, offsetY: 0 },
        sourceWidth: 2,
        sourceHeight: 2,
        // source centre 0.5 → tensor 1, 1.5 → tensor 3
        expected: ['11', '20'],
      },
      {
        name: 'tensor rows below the source (letterbox padding) are never sampled',
        scores: [[1, 2, 1, 2], [0, 0, 0, 0]],
        toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 },
        sourceWidth: 4,
        sourceHeight: 1,
        expected: ['1212'],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const mask = decodeClassLogits(oneHot(c.scores, 3), { labels: LABELS3, toSource: c.toSource, sourceWidth: c.sourceWidth, sourceHeight: c.sourceHeight });
        assert.deepEqual([mask.width, mask.height, mask.labels], [c.sourceWidth, c.sourceHeight, LABELS3]);
        assert.deepEqual(rows(mask.classes, c.sourceWidth), c.expected);
      });
    }

    it('maps DeepLab 257 back to a 500×335 photo like OpenCV INTER_NEAREST_EXACT', () => {
      // Class = tensor column index mod 3, so each source pixel reveals the column it came from.
      const scores = Array.from({ length: 257 }, () => Array.from({ length: 257 }, (_, x) => x % 3));
      const mask = decodeClassLogits(oneHot(scores, 3), { labels: LABELS3, toSource: { scaleX: 257 / 500, scaleY: 257 / 335, offsetX: 0, offsetY: 0 }, sourceWidth: 500, sourceHeight: 335 });
      for (const x of [0, 1, 2, 100, 250, 498, 499]) assert.equal(mask.classes[200 * 500 + x], Math.floor((x + 0.5) * (257 / 500)) % 3, `x ${x}`);
      assert.equal(mask.classes.length, 500 * 335);
    });

    it('rejects labels that do not match the channels', () => {
      assert.throws(
        () => decodeClassLogits(oneHot([[0]], 3), { labels: ['a', 'b'], toSource: IDENTITY, sourceWidth: 1, sourceHeight: 1 }),
        (e: unknown) => isGroundstreamError(e, 'model_input_mismatch'),
      );
    });
  });
});
