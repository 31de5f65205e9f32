import assert from 'node:assert/strict';
import type { Detections } from '../../../src/core/detections';
import { IDENTITY_TO_SOURCE, type Frame } from '../../../src/core/frame';
import { combineDetectors } from '../../../src/models/combine-detectors';
import type { Detector } from '../../../src/models/detector';

function fake(id: string, labels: string[], out: { label: string; classId: number; score: number; text?: string }[], threshold = 0.5): Detector & { disposed: boolean; seen: (number | undefined)[] } {
  const d = {
    id, version: `${id}-sha256-0123456789`, labels, defaultScoreThreshold: threshold, disposed: false, seen: [] as (number | undefined)[],
    inputFormat: { width: 416, height: 416, layout: 'gbrp' as const, fit: 'letterbox' as const, padValue: 114 },
    async detect(_frame: Frame, options: { scoreThreshold?: number } = {}): Promise<Detections> {
      d.seen.push(options.scoreThreshold);
      return {
        xyxy: Float32Array.from(out.flatMap((_, i) => [i, i, i + 10, i + 10])), score: Float32Array.from(out.map((o) => o.score)),
        classId: Int32Array.from(out.map((o) => o.classId)), label: out.map((o) => o.label),
        ...(out.some((o) => o.text) ? { text: out.map((o) => o.text ?? '') } : {}),
      };
    },
    async dispose() { d.disposed = true; },
  };
  return d;
}

const frame: Frame = { sourceId: 's', index: 0, ptsSec: 0, width: 416, height: 416, layout: 'gbrp', pixels: new Uint8Array(0), sourceWidth: 416, sourceHeight: 416, toSource: IDENTITY_TO_SOURCE };

describe('combineDetectors', () => {
  it('concatenates detections, unites labels and renumbers class ids into them', async () => {
    const coco = fake('yolox', ['person', 'bicycle', 'car'], [{ label: 'car', classId: 2, score: 0.9 }]);
    const faces = fake('ultraface', ['face'], [{ label: 'face', classId: 0, score: 0.8 }], 0.7);
    const text = fake('ocr', ['text', 'person'], [{ label: 'text', classId: 0, score: 0.95, text: 'EXIT' }, { label: 'person', classId: 1, score: 0.6 }]);
    const panel = combineDetectors([coco, faces, text]);
    assert.equal(panel.id, 'yolox+ultraface+ocr');
    assert.deepEqual(panel.labels, ['person', 'bicycle', 'car', 'face', 'text']);
    assert.equal(panel.defaultScoreThreshold, 0.5);
    const d = await panel.detect(frame);
    assert.deepEqual(d.label, ['car', 'face', 'text', 'person']);
    assert.deepEqual([...d.classId], [2, 3, 4, 0]);
    assert.deepEqual(d.text, ['', '', 'EXIT', '']);
    assert.deepEqual([...d.xyxy.subarray(8, 12)], [0, 0, 10, 10]);
    assert.deepEqual([coco.seen, faces.seen], [[undefined], [undefined]], 'each member keeps its own default');
    await panel.detect(frame, { scoreThreshold: 0.2 });
    assert.deepEqual(faces.seen[1], 0.2);
    await panel.dispose();
    assert.ok(coco.disposed && faces.disposed && text.disposed);
  });

  it('one detector is itself; none is an error', () => {
    const only = fake('yolox', ['person'], []);
    assert.equal(combineDetectors([only]), only);
    assert.throws(() => combineDetectors([]), RangeError);
  });
});
