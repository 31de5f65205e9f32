import assert from 'node:assert/strict';
import { findModelEntry } from '../../../../models/catalog';
import type { Frame } from '../../../../src/core/frame';
import { createFastestdetDetector } from '../../../../src/models/fastestdet/adapter';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';

const entry = findModelEntry('fastestdet-352')!;
const G = 22;

/** A session that records its feeds and answers with one person in cell (10, 5) of the 22×22 grid. */
function fakeSession(): InferenceSession & { feeds: Record<string, FloatTensor>[]; disposed: boolean } {
  const s = {
    modelId: entry.id, provider: 'cpu' as const, intraOpNumThreads: 1, inputs: [{ name: 'input.1', dims: [1, 3, 352, 352] }], outputNames: [...entry.outputs],
    feeds: [] as Record<string, FloatTensor>[], disposed: false,
    async run(feeds: Record<string, FloatTensor>) {
      s.feeds.push(feeds);
      const plane = G * G;
      const data = new Float32Array(85 * plane);
      const i = 5 * G + 10;
      data[i] = 0.9; // objectness
      // offsets 0 (cell corner), size sigmoid(0) = 0.5 of the input
      data[5 * plane + i] = 1; // person
      return { [entry.outputs[0]]: { data, dims: [1, 85, G, G] } };
    },
    async dispose() { s.disposed = true; },
  };
  return s;
}

function frame(width: number, height: number): Frame {
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout: 'bgr24', pixels: new Uint8Array(width * height * 3), sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('createFastestdetDetector', () => {
  it('describes the model and asks sources for planar frames stretched to 352×352', () => {
    const d = createFastestdetDetector(entry, [fakeSession()]);
    assert.equal(d.id, 'fastestdet-352');
    assert.equal(d.version, entry.sha256);
    assert.equal(d.labels, entry.labels);
    assert.equal(d.defaultScoreThreshold, entry.defaultScoreThreshold);
    assert.equal(d.domain, 'ground-level');
    assert.deepEqual(d.inputFormat, { width: 352, height: 352, layout: 'gbrp', fit: 'stretch', padValue: 0 });
  });

  it('feeds the named input and maps the decoded box back to source pixels', async () => {
    const session = fakeSession();
    const d = createFastestdetDetector(entry, [session]);
    const dets = await d.detect(frame(220, 440));
    assert.deepEqual(session.feeds[0]['input.1'].dims, [1, 3, 352, 352]);
    assert.deepEqual(dets.label, ['person']);
    // centre (10/22, 5/22), size 0.5 of the frame: x 100 ± 55, y 100 ± 110 → clipped at 0
    assert.deepEqual(Array.from(dets.xyxy).map((v) => Math.round(v * 1e3) / 1e3), [45, 0, 155, 210]);
    assert.ok(Math.abs(dets.score[0] - 0.9) < 1e-6);
    assert.equal((await d.detect(frame(220, 440))).score.length, 1, 'default threshold 0.65 keeps 0.9');
    assert.equal((await d.detect(frame(220, 440), { scoreThreshold: 0.95 })).score.length, 0);
    await d.dispose();
    assert.ok(session.disposed);
  });

  it('rejects no sessions', () => {
    assert.throws(() => createFastestdetDetector(entry, []), /at least one session/);
  });
});
