import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import { createYunetDetector } from '../../../../src/models/yunet/adapter';
import type { YunetDetections } from '../../../../src/models/yunet/postprocess';
import { createYunetPriors } from '../../../../src/models/yunet/priors';

const N = createYunetPriors(160, 120).length / 4;
// Prior 1075: stride 64, cell (1, 0), size 256 → centre (96, 32) in the 160 × 120 input.
const FACE = 1075;

/** A session that records its feeds and answers one confident face on prior {@link FACE}, zero deltas. */
function fakeSession(feeds: Record<string, FloatTensor>[]): InferenceSession {
  return {
    modelId: 'yunet-120x160', provider: 'cpu', intraOpNumThreads: 1, inputs: [], outputNames: ['loc', 'conf', 'iou'],
    async run(f) {
      feeds.push(f);
      const conf = new Float32Array(N * 2);
      conf[FACE * 2 + 1] = 1;
      const iou = new Float32Array(N);
      iou[FACE] = 1;
      return { loc: { data: new Float32Array(N * 14), dims: [N, 14] }, conf: { data: conf, dims: [N, 2] }, iou: { data: iou, dims: [N, 1] } };
    },
    async dispose() {},
  };
}

function frame(width: number, height: number): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'bgr24', pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('createYunetDetector', () => {
  const entry = findModelEntry('yunet-120x160')!;

  it('asks sources for stretched planar gbrp at the model size', () => {
    const d = createYunetDetector(entry, [fakeSession([])]);
    assert.deepEqual(d.inputFormat, { width: 160, height: 120, layout: 'gbrp', fit: 'stretch', padValue: 0 });
    assert.deepEqual([d.id, d.version, d.labels, d.defaultScoreThreshold], [entry.id, entry.sha256, ['face'], 0.6]);
  });

  const sizes = [[320, 240], [160, 120], [1600, 600]];
  for (const [w, h] of sizes) {
    it(`feeds [1, 3, 120, 160] and returns the face and its landmarks in the pixels of a ${w} × ${h} frame`, async () => {
      const feeds: Record<string, FloatTensor>[] = [];
      const d = createYunetDetector(entry, [fakeSession(feeds)]);
      const faces = (await d.detect(frame(w, h))) as YunetDetections;
      assert.deepEqual(feeds[0].input.dims, [1, 3, 120, 160]);
      const sx = w / 160;
      const sy = h / 120;
      // Prior box 256 × 256 around (96, 32), clipped to the frame.
      const want = [Math.max(0, (96 - 128) * sx), Math.max(0, (32 - 128) * sy), Math.min(w, (96 + 128) * sx), Math.min(h, (32 + 128) * sy)];
      assert.deepEqual(Array.from(faces.xyxy, (v) => Math.round(v * 1000) / 1000), want.map((v) => Math.round(v * 1000) / 1000));
      assert.deepEqual(Array.from(faces.landmarks.subarray(0, 2), (v) => Math.round(v * 1000) / 1000), [96 * sx, 32 * sy].map((v) => Math.round(v * 1000) / 1000));
      assert.deepEqual(faces.label, ['face']);
    });
  }

  it('needs a session', () => {
    assert.throws(() => createYunetDetector(entry, []), /at least one session/);
  });
});
