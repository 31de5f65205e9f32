import assert from 'node:assert/strict';
import { findModelEntry, type ModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import { createNanodetDetector } from '../../../../src/models/nanodet/adapter';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';

const entry = findModelEntry('nanodet-m-320')!;

/** A session that records its feeds and answers with empty heads plus one car on stride 32. */
function fakeSession(): InferenceSession & { feeds: Record<string, FloatTensor>[]; disposed: boolean } {
  const s = {
    modelId: entry.id, provider: 'cpu' as const, intraOpNumThreads: 1, inputs: [{ name: 'input.1', dims: [1, 3, 320, 320] }], outputNames: [...entry.outputs],
    feeds: [] as Record<string, FloatTensor>[], disposed: false,
    async run(feeds: Record<string, FloatTensor>) {
      s.feeds.push(feeds);
      const out: Record<string, FloatTensor> = {};
      for (const stride of [8, 16, 32]) {
        const n = (320 / stride) ** 2;
        out[`cls_pred_stride_${stride}`] = { data: new Float32Array(n * 80), dims: [1, n, 80] };
        out[`dis_pred_stride_${stride}`] = { data: new Float32Array(n * 32), dims: [1, n, 32] };
      }
      // stride 32, cell (gx 2, gy 3): prior (80, 112); one-hot distances l 1, t 2, r 1, b 0 strides
      const a = 3 * 10 + 2;
      out.cls_pred_stride_32.data[a * 80 + 2] = 0.9;
      [1, 2, 1, 0].forEach((bin, side) => { out.dis_pred_stride_32.data[a * 32 + side * 8 + bin] = 50; });
      return out;
    },
    async dispose() { s.disposed = true; },
  };
  return s;
}

function frame(width: number, height: number): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'rgb24', pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('createNanodetDetector', () => {
  it('describes the model and asks sources for planar frames stretched to 320×320', () => {
    const d = createNanodetDetector(entry, [fakeSession()]);
    assert.equal(d.id, 'nanodet-m-320');
    assert.equal(d.version, entry.sha256);
    assert.equal(d.labels, entry.labels);
    assert.equal(d.defaultScoreThreshold, entry.defaultScoreThreshold);
    assert.equal(d.domain, 'ground-level');
    assert.deepEqual(d.inputFormat, { width: 320, height: 320, layout: 'gbrp', fit: 'stretch', padValue: 0 });
  });

  it('feeds the named input and maps the decoded box back to source pixels', async () => {
    const session = fakeSession();
    const d = createNanodetDetector(entry, [session]);
    const dets = await d.detect(frame(640, 160)); // x ÷ 0.5, y ÷ 2
    assert.deepEqual(session.feeds[0]['input.1'].dims, [1, 3, 320, 320]);
    assert.deepEqual(dets.label, ['car']);
    // tensor [48, 48, 112, 112] → source [96, 24, 224, 56]
    assert.deepEqual(Array.from(dets.xyxy).map((v) => Math.round(v * 1e3) / 1e3), [96, 24, 224, 56]);
    assert.equal((await d.detect(frame(640, 160), { scoreThreshold: 0.95 })).score.length, 0);
    await d.dispose();
    assert.ok(session.disposed);
  });

  it('rejects no sessions and outputs that do not pair classes with distances', () => {
    assert.throws(() => createNanodetDetector(entry, []), /at least one session/);
    const odd: ModelEntry = { ...entry, outputs: ['cls_pred_stride_8', 'dis_pred_stride_16'] };
    assert.throws(() => createNanodetDetector(odd, [fakeSession()]), /pair cls_pred_stride_N with dis_pred_stride_N/);
  });
});
