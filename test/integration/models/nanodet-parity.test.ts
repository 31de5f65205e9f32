import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Detector } from '../../../src/models/detector';
import { createNanodetDetector } from '../../../src/models/nanodet/adapter';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { assertMatches, photoFrame, type Reference } from '../../support/detection-parity';
import { modelSearchPath } from '../../support/paths';

/**
 * Computed once with OpenCV 4.6 in Debian's python3, independently of this code: cv2.imread,
 * cv2.resize to 320×320 (INTER_LINEAR stretch), (BGR − mean) / std, cv2.dnn on the same ONNX file,
 * then the GFL decode written from NanoDet's own demo (centre prior (x + 0.5)·stride, softmax over 8
 * bins, expectation × stride), boxes scaled back per axis, class-wise NMS at IoU 0.45.
 */
const FRISBEE_REFERENCE: Reference = [ // fastestdet_3.jpg (500×335) at score 0.4; next candidate 0.337
  { label: 'person', score: 0.833, box: [290.9, 143.0, 500.0, 293.7] },
  { label: 'person', score: 0.788, box: [41.0, 63.1, 194.8, 301.1] },
  { label: 'person', score: 0.635, box: [227.0, 138.8, 315.2, 272.6] },
  { label: 'frisbee', score: 0.611, box: [181.3, 197.6, 214.2, 230.2] },
  { label: 'person', score: 0.601, box: [167.1, 138.1, 247.4, 263.2] },
  { label: 'frisbee', score: 0.550, box: [217.6, 192.6, 246.4, 218.0] },
  { label: 'frisbee', score: 0.540, box: [90.5, 154.7, 135.2, 191.7] },
  { label: 'frisbee', score: 0.528, box: [250.4, 167.0, 294.8, 204.7] },
];
const BUS_REFERENCE: Reference = [ // fastestdet_1_bus.jpg (640×480) at score 0.3; next candidate 0.254
  { label: 'bus', score: 0.885, box: [35.0, 77.0, 610.7, 416.8] },
  { label: 'person', score: 0.531, box: [14.8, 250.1, 47.1, 357.9] },
  { label: 'person', score: 0.454, box: [313.1, 188.2, 381.0, 255.0] },
  { label: 'person', score: 0.360, box: [319.5, 214.2, 385.3, 280.7] },
];

describe('NanoDet-m 320 parity with an independent OpenCV decode', () => {
  let detector: Detector;
  before(async () => {
    const entry = findModelEntry('nanodet-m-320')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    detector = createNanodetDetector(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => detector.dispose());

  it('finds the same 4 person and 4 frisbee on a full-size RGB frame stretched by the pure preprocess', async () => {
    const frame = await photoFrame('fastestdet_3.jpg', { layout: 'rgb24' });
    assert.deepEqual([frame.width, frame.height], [500, 335]);
    assertMatches(await detector.detect(frame, { scoreThreshold: 0.4 }), FRISBEE_REFERENCE, 0.02);
  });

  it('finds the same bus and 3 person on a full-size 640×480 frame', async () => {
    const frame = await photoFrame('fastestdet_1_bus.jpg', { layout: 'bgr24' });
    assertMatches(await detector.detect(frame, { scoreThreshold: 0.3 }), BUS_REFERENCE, 0.02);
  });

  it('finds them on a frame ffmpeg stretched to the model size', async () => {
    const f = detector.inputFormat;
    const frame = await photoFrame('fastestdet_3.jpg', { width: f.width, height: f.height, fit: f.fit, layout: f.layout, padValue: f.padValue });
    assert.deepEqual([frame.width, frame.height, frame.sourceWidth, frame.sourceHeight], [320, 320, 500, 335]);
    // ffmpeg's bilinear downscale filters more than OpenCV's INTER_LINEAR: the pixels differ a little
    // (measured: scores up to 0.05 apart, IoU down to 0.91), so this path has looser bounds.
    assertMatches(await detector.detect(frame, { scoreThreshold: 0.4 }), FRISBEE_REFERENCE, 0.07, 0.85);
  });
});
