import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Detector } from '../../../src/models/detector';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { createYoloxDetector } from '../../../src/models/yolox/adapter';
import { assertMatches, photoFrame, type Reference } from '../../support/detection-parity';
import { modelSearchPath } from '../../support/paths';

/**
 * The light person detector is a one-class YOLOX at 192×192: the YOLOX adapter runs it. Reference:
 * fastestdet_3.jpg through cv2.imread, a 192 letterbox and cv2.dnn on the same ONNX file with the
 * decode of bench/peers/opencv_yolox.py, score 0.3.
 */
const OPENCV_REFERENCE: Reference = [
  { label: 'person', score: 0.879, box: [40.1, 59.1, 186.5, 297.1] },
  { label: 'person', score: 0.771, box: [271.6, 139.5, 498.5, 293.9] },
  { label: 'person', score: 0.653, box: [166.6, 132.6, 256.3, 263.8] },
  { label: 'person', score: 0.539, box: [235.9, 135.0, 318.6, 275.5] },
];

describe('light person detector (YOLOX, 1 class, 192) parity with OpenCV (fastestdet_3.jpg)', () => {
  let detector: Detector;
  before(async () => {
    const entry = findModelEntry('light-person-detector-192')!;
    assert.equal(entry.family, 'yolox');
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    detector = createYoloxDetector(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => detector.dispose());

  for (const layout of ['model size, gbrp from ffmpeg', 'full size rgb24'] as const) {
    it(`finds the 4 people on a ${layout} frame`, async () => {
      const f = detector.inputFormat;
      const options = layout === 'full size rgb24' ? { layout: 'rgb24' as const } : { width: f.width, height: f.height, fit: f.fit, layout: f.layout, padValue: f.padValue };
      const d = await detector.detect(await photoFrame('fastestdet_3.jpg', options), { scoreThreshold: 0.3 });
      assert.deepEqual(d.label, ['person', 'person', 'person', 'person']);
      assertMatches(d, OPENCV_REFERENCE, 0.05);
    });
  }
});
