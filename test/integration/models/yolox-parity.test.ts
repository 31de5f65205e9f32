import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Detections } from '../../../src/core/detections';
import type { Frame } from '../../../src/core/frame';
import type { Detector } from '../../../src/models/detector';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { createYoloxDetector } from '../../../src/models/yolox/adapter';
import { iouAt } from '../../../src/grounding/nms';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';

/**
 * fastestdet_3.jpg decoded once with OpenCV (cv2.imread, INTER_LINEAR letterbox, cv2.dnn on the
 * same ONNX file, the decode in bench/peers/opencv_yolox.py) at score 0.3: the reference.
 */
const OPENCV_REFERENCE: { label: string; score: number; box: [number, number, number, number] }[] = [
  { label: 'person', score: 0.9, box: [41.2, 61.6, 189.8, 302.8] },
  { label: 'frisbee', score: 0.874, box: [250.4, 165.0, 295.8, 205.0] },
  { label: 'person', score: 0.838, box: [289.5, 141.5, 484.2, 301.7] },
  { label: 'frisbee', score: 0.8, box: [91.1, 151.7, 137.4, 192.7] },
  { label: 'frisbee', score: 0.8, box: [183.4, 198.4, 217.5, 231.3] },
  { label: 'frisbee', score: 0.798, box: [216.0, 186.2, 248.9, 218.5] },
  { label: 'person', score: 0.651, box: [233.0, 133.9, 312.0, 281.4] },
  { label: 'person', score: 0.458, box: [166.0, 137.3, 249.8, 253.0] },
];

async function oneFrame(options: Parameters<typeof createVideoSource>[1]): Promise<Frame> {
  for await (const f of createVideoSource(dataFile('images/fastestdet_3.jpg'), options).frames()) return f;
  throw new Error('no frame');
}

function assertMatchesReference(d: Detections): void {
  assert.equal(d.score.length, OPENCV_REFERENCE.length, `found ${d.label.join(', ')}`);
  assert.equal(d.label.filter((l) => l === 'person').length, 4);
  assert.equal(d.label.filter((l) => l === 'frisbee').length, 4);
  for (const ref of OPENCV_REFERENCE) {
    let best = -1;
    let bestIou = 0;
    for (let i = 0; i < d.score.length; i++) {
      if (d.label[i] !== ref.label) continue;
      const iou = iouAt([...d.xyxy.subarray(i * 4, i * 4 + 4), ...ref.box], 0, 1);
      if (iou > bestIou) { bestIou = iou; best = i; }
    }
    assert.ok(bestIou >= 0.9, `${ref.label} ${ref.score} at [${ref.box}]: best IoU ${bestIou.toFixed(3)}`);
    assert.ok(Math.abs(d.score[best] - ref.score) <= 0.05, `${ref.label} score ${d.score[best]} vs ${ref.score}`);
  }
}

describe('YOLOX-nano parity with an independent OpenCV decode (fastestdet_3.jpg, score 0.3)', () => {
  let detector: Detector;
  before(async () => {
    const entry = findModelEntry('yolox-nano-416')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    detector = createYoloxDetector(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => detector.dispose());

  it('finds the same 4 person and 4 frisbee on a frame ffmpeg letterboxed to the model size', async () => {
    const f = detector.inputFormat;
    const frame = await oneFrame({ width: f.width, height: f.height, fit: f.fit, layout: f.layout, padValue: f.padValue });
    assert.deepEqual([frame.sourceWidth, frame.sourceHeight], [500, 335]);
    assertMatchesReference(await detector.detect(frame, { scoreThreshold: 0.3 }));
  });

  it('finds them on a full-size RGB frame letterboxed by the pure preprocess', async () => {
    const frame = await oneFrame({ layout: 'rgb24' });
    assert.deepEqual([frame.width, frame.height], [500, 335]);
    const d = await detector.detect(frame, { scoreThreshold: 0.3 });
    assertMatchesReference(d);
    const first = Array.from(d.xyxy.subarray(0, 4));
    assert.ok(iouAt([...first, 40, 62, 194, 303], 0, 1) >= 0.9, `person 0.90 near [40,62,194,303]: [${first}]`);
  });
});
