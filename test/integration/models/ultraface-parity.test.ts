import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Detections } from '../../../src/core/detections';
import type { Frame } from '../../../src/core/frame';
import type { Detector } from '../../../src/models/detector';
import { iouAt } from '../../../src/grounding/nms';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { createUltrafaceDetector } from '../../../src/models/ultraface/adapter';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';

/** x1, y1, x2, y2 in source pixels of the 720 × 478 photo, then the face probability. */
type Face = [number, number, number, number, number];

/**
 * ultraface_1.jpg through OpenCV 4.6 as the authors' ONNX / OpenCV-dnn demos do it: cv2.imread,
 * BGR→RGB, cv2.resize to 320 × 240 (INTER_LINEAR), blobFromImage(1/128, mean 127),
 * cv2.dnn.readNetFromONNX on the same file, face probability > 0.7, their numpy hard_nms at IoU 0.3
 * (candidate_size 200; 93 candidates pass, so no cap applies), boxes × (720, 478). 46 faces.
 */
const OPENCV_INTER_LINEAR: Face[] = [
  [251.1, 55.1, 273.2, 84.4, 0.999], [321.6, 103.2, 343.4, 132.3, 0.998], [483.5, 53.9, 505.3, 80.6, 0.998],
  [556.6, 156.7, 578.8, 182.9, 0.996], [444.5, 73.8, 469.3, 106.1, 0.995], [662.4, 205.7, 684.2, 234.2, 0.994],
  [605.6, 216.4, 628.4, 245.5, 0.993], [402.0, 107.0, 427.6, 139.0, 0.992], [192.6, 61.0, 214.8, 87.1, 0.991],
  [522.7, 225.7, 548.3, 257.0, 0.991], [611.4, 152.6, 632.9, 179.0, 0.990], [300.2, 156.6, 323.7, 187.9, 0.989],
  [376.2, 170.1, 400.6, 200.5, 0.986], [365.3, 89.7, 387.2, 118.0, 0.984], [188.9, 205.9, 213.3, 236.8, 0.984],
  [64.5, 181.9, 89.4, 211.7, 0.983], [80.8, 231.7, 106.6, 259.8, 0.982], [101.6, 137.7, 125.0, 165.7, 0.982],
  [287.6, 86.0, 311.1, 115.9, 0.979], [114.1, 203.4, 136.9, 231.2, 0.974], [127.1, 86.2, 147.3, 114.0, 0.973],
  [577.1, 184.6, 597.7, 210.2, 0.971], [650.0, 169.4, 673.1, 195.8, 0.970], [578.7, 93.3, 601.4, 120.4, 0.968],
  [540.4, 53.1, 561.5, 78.5, 0.966], [40.8, 202.7, 63.2, 230.5, 0.965], [339.0, 27.5, 359.2, 52.4, 0.965],
  [311.4, 218.9, 335.0, 245.9, 0.965], [219.1, 172.2, 242.8, 198.6, 0.958], [460.0, 236.2, 482.5, 265.6, 0.956],
  [156.0, 226.4, 181.0, 254.8, 0.955], [236.5, 97.2, 261.5, 129.2, 0.953], [476.4, 205.5, 499.8, 232.1, 0.952],
  [230.7, 222.9, 253.7, 248.8, 0.945], [162.4, 141.6, 182.0, 166.5, 0.938], [136.3, 124.4, 157.8, 150.3, 0.931],
  [349.7, 200.6, 372.1, 228.4, 0.931], [178.1, 85.7, 198.9, 110.0, 0.922], [413.7, 201.2, 437.0, 229.6, 0.917],
  [384.5, 218.7, 408.0, 246.7, 0.901], [506.0, 177.3, 527.7, 205.2, 0.889], [598.4, 60.6, 619.9, 85.7, 0.839],
  [148.3, 64.7, 167.2, 89.5, 0.791], [474.5, 110.5, 497.1, 139.3, 0.760], [427.9, 50.6, 449.4, 75.1, 0.749],
  [367.7, 49.6, 392.2, 79.4, 0.732],
];

/**
 * The same OpenCV net and decode on the 320 × 240 RGB pixels createVideoSource delivers for the
 * detector's inputFormat (ffmpeg's bilinear scaler, dumped to a file and read with numpy). Its
 * scaler widens the filter when shrinking (an anti-aliased 2.25× reduction) where INTER_LINEAR
 * samples 2 × 2 pixels, so the model sees a softer image: 44 faces, the two weakest above (0.749,
 * 0.732) falling to about 0.6. Each path is held to the reference of its own pixels.
 */
const OPENCV_ON_SOURCE_PIXELS: Face[] = [
  [251.2, 55.1, 273.4, 84.1, 0.999], [321.6, 103.9, 343.1, 131.5, 0.999], [483.3, 56.0, 504.1, 80.9, 0.998],
  [662.7, 205.1, 684.3, 234.2, 0.998], [445.9, 74.9, 468.9, 105.1, 0.995], [193.3, 61.6, 214.3, 86.9, 0.995],
  [605.8, 216.3, 628.6, 246.1, 0.994], [556.7, 157.6, 578.3, 183.4, 0.994], [376.4, 170.3, 399.9, 200.4, 0.993],
  [300.7, 157.4, 324.9, 189.0, 0.993], [64.3, 181.5, 89.2, 211.6, 0.991], [523.5, 225.4, 548.7, 256.8, 0.988],
  [189.0, 205.5, 212.7, 236.5, 0.986], [365.3, 90.0, 386.2, 118.0, 0.985], [402.8, 107.7, 426.9, 139.0, 0.985],
  [127.0, 85.2, 147.5, 114.4, 0.985], [101.1, 137.6, 124.7, 165.8, 0.985], [113.9, 204.6, 136.9, 232.0, 0.982],
  [40.8, 203.2, 63.6, 230.5, 0.981], [611.2, 153.2, 632.1, 178.2, 0.979], [576.9, 184.6, 597.1, 210.1, 0.979],
  [287.9, 85.4, 311.2, 115.8, 0.977], [540.9, 53.2, 561.8, 78.6, 0.976], [339.2, 27.8, 359.4, 53.2, 0.972],
  [81.1, 232.1, 106.5, 259.2, 0.972], [579.3, 93.7, 602.2, 121.5, 0.970], [459.3, 235.7, 482.5, 265.2, 0.969],
  [650.6, 169.9, 672.8, 196.1, 0.963], [218.8, 172.1, 243.2, 198.5, 0.961], [310.8, 218.9, 334.5, 245.9, 0.960],
  [476.4, 205.4, 499.6, 233.0, 0.960], [236.0, 98.1, 260.8, 128.8, 0.956], [384.1, 219.2, 407.9, 247.1, 0.953],
  [156.2, 227.0, 181.0, 254.2, 0.952], [230.8, 223.0, 253.6, 248.9, 0.945], [349.8, 200.2, 372.3, 227.9, 0.938],
  [162.1, 141.8, 182.4, 167.0, 0.934], [136.6, 124.6, 157.3, 150.1, 0.928], [178.3, 85.5, 199.2, 110.0, 0.898],
  [505.8, 177.8, 526.9, 205.3, 0.894], [598.8, 60.4, 620.1, 85.7, 0.869], [414.0, 201.4, 436.9, 229.3, 0.854],
  [475.0, 109.9, 497.8, 139.8, 0.842], [148.6, 64.7, 167.4, 88.9, 0.792],
];

const THRESHOLD = 0.7;
/** Faces this close to the threshold may flip between onnxruntime and cv2.dnn float results. */
const MARGIN = 0.01;

async function oneFrame(options: Parameters<typeof createVideoSource>[1]): Promise<Frame> {
  for await (const f of createVideoSource(dataFile('images/ultraface_1.jpg'), options).frames()) return f;
  throw new Error('no frame');
}

/**
 * One-to-one match by IoU. Counts may differ by one (a face within {@link MARGIN} of the
 * threshold); every face clear of it must be found at IoU ≥ 0.9 with its score within 0.02, and
 * no face clear of it may be extra. Measured: counts equal, IoU ≥ 0.99, scores within 0.005.
 */
function assertMatches(d: Detections, reference: Face[]): void {
  assert.ok(Math.abs(d.score.length - reference.length) <= 1, `found ${d.score.length} faces, reference ${reference.length}`);
  const used = new Set<number>();
  for (const ref of reference) {
    let best = -1;
    let bestIou = 0;
    for (let i = 0; i < d.score.length; i++) {
      if (used.has(i)) continue;
      const iou = iouAt([...d.xyxy.subarray(i * 4, i * 4 + 4), ...ref.slice(0, 4)], 0, 1);
      if (iou > bestIou) { bestIou = iou; best = i; }
    }
    if (ref[4] < THRESHOLD + MARGIN && bestIou < 0.9) continue;
    assert.ok(bestIou >= 0.9, `face ${ref[4]} at [${ref.slice(0, 4)}]: best IoU ${bestIou.toFixed(3)}`);
    assert.ok(Math.abs(d.score[best] - ref[4]) <= 0.02, `face at [${ref.slice(0, 4)}]: score ${d.score[best]} vs ${ref[4]}`);
    used.add(best);
  }
  const extra = Array.from(d.score).filter((s, i) => !used.has(i) && s >= THRESHOLD + MARGIN);
  assert.deepEqual(extra, [], 'faces the reference does not have');
  assert.ok(d.label.every((l) => l === 'face') && d.classId.every((c) => c === 0));
}

describe('UltraFace RFB-320 parity with an independent OpenCV decode (ultraface_1.jpg, score 0.7)', () => {
  let detector: Detector;
  before(async () => {
    const entry = findModelEntry('ultraface-rfb-320')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    detector = createUltrafaceDetector(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => detector.dispose());

  it('finds the same 46 faces on a full-size RGB frame stretched by the pure preprocess', async () => {
    const frame = await oneFrame({ layout: 'rgb24' });
    assert.deepEqual([frame.width, frame.height], [720, 478]);
    const d = await detector.detect(frame);
    assertMatches(d, OPENCV_INTER_LINEAR);
    const first = Array.from(d.xyxy.subarray(0, 4));
    assert.ok(iouAt([...first, 251.1, 55.1, 273.2, 84.4], 0, 1) >= 0.95, `best face near [251,55,273,84]: [${first}]`);
  });

  it('finds the same 44 faces on a frame the source stretched to the model size', async () => {
    const f = detector.inputFormat;
    const frame = await oneFrame({ width: f.width, height: f.height, fit: f.fit, layout: f.layout });
    assert.deepEqual([frame.width, frame.height, frame.sourceWidth, frame.sourceHeight], [320, 240, 720, 478]);
    assertMatches(await detector.detect(frame), OPENCV_ON_SOURCE_PIXELS);
  });
});
