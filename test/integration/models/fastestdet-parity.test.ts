import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Detector } from '../../../src/models/detector';
import { createFastestdetDetector } from '../../../src/models/fastestdet/adapter';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { assertMatches, photoFrame, type Reference } from '../../support/detection-parity';
import { modelSearchPath } from '../../support/paths';

/**
 * Computed once with OpenCV 4.6 in Debian's python3, independently of this code: cv2.imread,
 * cv2.resize to 352×352 (INTER_LINEAR stretch), BGR / 255, cv2.dnn on the same ONNX file, then the
 * decode of FastestDet's own runtime.py (score = obj × best class; centre (g + tanh) / grid, size
 * sigmoid, both × the image size), class-wise NMS at IoU 0.45.
 */
const FRISBEE_REFERENCE: Reference = [ // fastestdet_3.jpg (500×335) at score 0.5; next candidate 0.337
  { label: 'person', score: 0.840, box: [40.7, 62.5, 178.0, 294.2] },
  { label: 'person', score: 0.830, box: [288.9, 141.9, 482.5, 297.0] },
  { label: 'person', score: 0.687, box: [159.1, 136.2, 255.9, 265.5] },
  { label: 'person', score: 0.654, box: [231.3, 138.8, 322.5, 277.4] },
];
const BUS_REFERENCE: Reference = [ // fastestdet_1_bus.jpg (640×480) at score 0.5; next candidate 0.225
  { label: 'bus', score: 0.937, box: [46.7, 82.3, 581.7, 416.7] },
];

describe('FastestDet 352 parity with an independent OpenCV decode', () => {
  let detector: Detector;
  before(async () => {
    const entry = findModelEntry('fastestdet-352')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    detector = createFastestdetDetector(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => detector.dispose());

  it('finds the same 4 person on a full-size RGB frame stretched by the pure preprocess', async () => {
    const frame = await photoFrame('fastestdet_3.jpg', { layout: 'rgb24' });
    assert.deepEqual([frame.width, frame.height], [500, 335]);
    assertMatches(await detector.detect(frame, { scoreThreshold: 0.5 }), FRISBEE_REFERENCE, 0.02);
  });

  it('finds the same bus on a full-size 640×480 frame', async () => {
    const frame = await photoFrame('fastestdet_1_bus.jpg', { layout: 'bgr24' });
    assertMatches(await detector.detect(frame, { scoreThreshold: 0.5 }), BUS_REFERENCE, 0.02);
  });

  it('finds them on a frame ffmpeg stretched to the model size', async () => {
    const f = detector.inputFormat;
    const frame = await photoFrame('fastestdet_3.jpg', { width: f.width, height: f.height, fit: f.fit, layout: f.layout, padValue: f.padValue });
    assert.deepEqual([frame.width, frame.height, frame.sourceWidth, frame.sourceHeight], [352, 352, 500, 335]);
    // ffmpeg's bilinear downscale filters more than OpenCV's INTER_LINEAR: the pixels differ a little
    // (measured: scores up to 0.03 apart, IoU down to 0.96), so this path has looser bounds.
    assertMatches(await detector.detect(frame, { scoreThreshold: 0.5 }), FRISBEE_REFERENCE, 0.07, 0.85);
  });
});
