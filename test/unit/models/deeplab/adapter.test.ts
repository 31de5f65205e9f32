import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import { isGroundstreamError } from '../../../../src/core/errors';
import type { Frame } from '../../../../src/core/frame';
import { createDeeplabSegmenter } from '../../../../src/models/deeplab/adapter';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';

/** A session that records its feeds and answers class 15 (person) on the left half of the 257×257 output. */
function fakeSession(feeds: Record<string, FloatTensor>[], outputName = 'ResizeBilinear_3'): InferenceSession {
  return {
    modelId: 'deeplab-v3-mnv2-257', provider: 'cpu', intraOpNumThreads: 1, inputs: [], outputNames: [outputName],
    async run(f) {
      feeds.push(f);
      const data = new Float32Array(257 * 257 * 21);
      for (let y = 0; y < 257; y++) for (let x = 0; x < 257; x++) data[(y * 257 + x) * 21 + (x < 128 ? 15 : 0)] = 5;
      return { [outputName]: { data, dims: [1, 257, 257, 21] } };
    },
    async dispose() {},
  };
}

function frame(width: number, height: number): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'bgr24', pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('createDeeplabSegmenter', () => {
  const entry = findModelEntry('deeplab-v3-mnv2-257')!;

  it('names the model and its 21 VOC labels', () => {
    const s = createDeeplabSegmenter(entry, [fakeSession([])]);
    assert.deepEqual([s.id, s.version, s.labels.length, s.labels[15], s.labels[6]], [entry.id, entry.sha256, 21, 'person', 'bus']);
  });

  for (const [w, h] of [[500, 335], [257, 257], [64, 480]]) {
    it(`feeds sub_7 [1, 257, 257, 3] and returns a ${w} × ${h} class map`, async () => {
      const feeds: Record<string, FloatTensor>[] = [];
      const s = createDeeplabSegmenter(entry, [fakeSession(feeds)]);
      const mask = await s.segment(frame(w, h));
      assert.deepEqual(Object.keys(feeds[0]), ['sub_7']);
      assert.deepEqual(feeds[0].sub_7.dims, [1, 257, 257, 3]);
      assert.deepEqual([mask.width, mask.height, mask.classes.length], [w, h, w * h]);
      // Left half person, right half background, split where tensor column 128 starts.
      const split = Math.ceil((128 * w) / 257 - 0.5);
      assert.equal(mask.classes[(h - 1) * w + split - 1], 15);
      assert.equal(mask.classes[split], 0);
    });
  }

  it('rejects no sessions, a detector entry, and a session without the named output', async () => {
    const invalid = (e: unknown) => isGroundstreamError(e, 'invalid_argument');
    assert.throws(() => createDeeplabSegmenter(entry, []), invalid);
    assert.throws(() => createDeeplabSegmenter(findModelEntry('yolox-nano-416')!, [fakeSession([])]), invalid);
    const s = createDeeplabSegmenter(entry, [fakeSession([], 'other')]);
    await assert.rejects(s.segment(frame(8, 8)), (e: unknown) => isGroundstreamError(e, 'model_input_mismatch'));
  });
});
