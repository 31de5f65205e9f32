import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Frame } from '../../../src/core/frame';
import { connectedComponents } from '../../../src/grounding/masks';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import { createRoadSegmenter } from '../../../src/models/road-segmentation/adapter';
import { ROAD_CLASSES } from '../../../src/models/road-segmentation/road-classes';
import type { SemanticMask, Segmenter } from '../../../src/models/segmenter';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertSharesNear, classShares } from './segmentation-shares';

/*
 * Computed once with OpenCV 4.6.0 (Debian python3-opencv) on the same ONNX file: cv2.imread, or the
 * 101st frame read by cv2.VideoCapture, cv2.resize to 896×512 INTER_LINEAR, BGR 0..255, cv2.dnn
 * forward, argmax over the four scores, cv2.resize back with INTER_NEAREST_EXACT. On identical
 * input tensors OpenCV's scores and onnxruntime's agree to 1e-5. Shares in % of the frame's pixels.
 */
const BUS_PHOTO = {
  shares: { background: 91.591, road: 6.412, curb: 1.993, mark: 0.005 },
  boxes: { road: [0, 389, 640, 480], curb: [41, 403, 439, 460] },
};
/** car-detection.mp4 frame 100 is a top-down view of a parking lot: a dash-camera model finds little road. */
const CAR_FRAME_100 = { shares: { background: 99.067, road: 0.933 }, roadBox: [0, 365, 756, 432] };

/** Bounding box of every pixel of a class. */
function classBox(mask: SemanticMask, k: number): number[] {
  const regions = connectedComponents(mask, k);
  return [0, 1, 2, 3].map((i) => (i < 2 ? Math.min : Math.max)(...regions.map((r) => r.xyxy[i])));
}

describe('road-segmentation-adas parity with an independent OpenCV run (class shares within 1 pp)', () => {
  let segmenter: Segmenter;
  before(async () => {
    const entry = findModelEntry('road-segmentation-adas-0001')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    segmenter = createRoadSegmenter(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => segmenter.dispose());

  it('fastestdet_1_bus.jpg: road and curb under the bus, at the bottom of the photo', async () => {
    let frame: Frame | undefined;
    for await (const f of createVideoSource(dataFile('images/fastestdet_1_bus.jpg'), { layout: 'rgb24' }).frames()) { frame = f; break; }
    const mask = await segmenter.segment(frame!);
    assert.deepEqual([mask.width, mask.height], [640, 480]);
    assertSharesNear(classShares(mask), BUS_PHOTO.shares, 1);
    for (const [label, want] of Object.entries(BUS_PHOTO.boxes)) {
      const got = classBox(mask, ROAD_CLASSES[label as 'road' | 'curb']);
      got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 6, `${label} box [${got}] vs [${want}]`));
    }
  });

  it('car-detection.mp4 frame 100: (almost) no road in a top-down view, and what there is lies at the bottom', async () => {
    let frame: Frame | undefined;
    for await (const f of createVideoSource(dataFile('video/car-detection.mp4'), { layout: 'bgr24' }).frames()) {
      if (f.index === 100) { frame = f; break; }
    }
    const mask = await segmenter.segment(frame!);
    assert.deepEqual([mask.width, mask.height], [768, 432]);
    assertSharesNear(classShares(mask), CAR_FRAME_100.shares, 1);
    const road = classBox(mask, ROAD_CLASSES.road);
    assert.ok(road[1] >= CAR_FRAME_100.roadBox[1] - 10, `road box [${road}] vs [${CAR_FRAME_100.roadBox}]`);
  });
});
