import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import { createUltrafaceDetector } from '../../../../src/models/ultraface/adapter';

/** A session that records its feeds and answers one face at the centre quarter of the input. */
function fakeSession(feeds: Record<string, FloatTensor>[]): InferenceSession {
  return {
    modelId: 'ultraface-rfb-320', provider: 'cpu', intraOpNumThreads: 1, inputs: [], outputNames: ['scores', 'boxes'],
    async run(f) {
      feeds.push(f);
      return {
        scores: { data: Float32Array.from([0.1, 0.9, 0.95, 0.05]), dims: [1, 2, 2] },
        boxes: { data: Float32Array.from([0.25, 0.25, 0.75, 0.75, 0, 0, 1, 1]), dims: [1, 2, 4] },
      };
    },
    async dispose() {},
  };
}

function frame(width: number, height: number): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'rgb24', pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('createUltrafaceDetector', () => {
  const entry = findModelEntry('ultraface-rfb-320')!;

  it('asks sources for stretched RGB at the model size', () => {
    const d = createUltrafaceDetector(entry, [fakeSession([])]);
    assert.deepEqual(d.inputFormat, { width: 320, height: 240, layout: 'rgb24', fit: 'stretch', padValue: 0 });
    assert.deepEqual([d.id, d.version, d.labels, d.defaultScoreThreshold], [entry.id, entry.sha256, ['face'], 0.7]);
  });

  const sizes = [[640, 480], [320, 240], [100, 300]];
  for (const [w, h] of sizes) {
    it(`feeds [1, 3, 240, 320] and returns faces in the pixels of a ${w} × ${h} frame`, async () => {
      const feeds: Record<string, FloatTensor>[] = [];
      const d = createUltrafaceDetector(entry, [fakeSession(feeds)]);
      const faces = await d.detect(frame(w, h));
      assert.deepEqual(feeds[0].input.dims, [1, 3, 240, 320]);
      assert.deepEqual(Array.from(faces.xyxy), [w / 4, h / 4, (3 * w) / 4, (3 * h) / 4]);
      assert.deepEqual(faces.label, ['face']);
    });
  }

  it('uses the per-call score threshold', async () => {
    const d = createUltrafaceDetector(entry, [fakeSession([])]);
    assert.equal((await d.detect(frame(32, 24), { scoreThreshold: 0.95 })).score.length, 0);
  });

  it('needs a session', () => {
    assert.throws(() => createUltrafaceDetector(entry, []), /at least one session/);
  });
});
