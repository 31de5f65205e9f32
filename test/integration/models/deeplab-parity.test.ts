import assert from 'node:assert/strict';
import { findModelEntry } from '../../../models/catalog';
import type { Frame } from '../../../src/core/frame';
import { boxToMask, connectedComponents, rleArea } from '../../../src/grounding/masks';
import { createDeeplabSegmenter } from '../../../src/models/deeplab/adapter';
import { resolveModel } from '../../../src/models/registry/resolve-model';
import { createInferenceSession } from '../../../src/models/runtime/create-inference-session';
import type { SemanticMask, Segmenter } from '../../../src/models/segmenter';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertSharesNear, classShares } from './segmentation-shares';

/*
 * The reference was computed once with OpenCV 4.6.0 (Debian python3-opencv) on the same ONNX file:
 * cv2.imread, cv2.resize to 257×257 INTER_LINEAR, BGR→RGB, (x − 127.5) / 127.5, cv2.dnn forward,
 * argmax over the 21 logits, cv2.resize back to the photo with INTER_NEAREST_EXACT. OpenCV 4.6 rejects
 * ONNX Upsample mode 'linear', so its copy had that attribute renamed 'bilinear' (the same asymmetric
 * bilinear resize); on identical input tensors its logits and onnxruntime's differ by < 3e-5 and
 * their argmax agrees on every pixel. Shares are % of the photo's pixels; boxes xyxy of each class.
 */
const REFERENCE: Record<string, { size: [number, number]; shares: Record<string, number>; boxes: Record<string, [number, number, number, number]> }> = {
  'fastestdet_3.jpg': {
    size: [500, 335],
    shares: { background: 78.66, dog: 0.051, person: 21.288 },
    boxes: { person: [53, 61, 434, 279] },
  },
  'fastestdet_1_bus.jpg': {
    size: [640, 480],
    shares: { background: 49.358, bus: 50.642 },
    boxes: { bus: [37, 82, 590, 403] },
  },
};

/** The four people of fastestdet_3.jpg as YOLOX and OpenCV find them (yolox-parity.test.ts). */
const PERSON_BOXES: [number, number, number, number][] = [
  [41.2, 61.6, 189.8, 302.8],
  [289.5, 141.5, 484.2, 301.7],
  [233.0, 133.9, 312.0, 281.4],
  [166.0, 137.3, 249.8, 253.0],
];

async function photo(name: string): Promise<Frame> {
  for await (const f of createVideoSource(dataFile(`images/${name}`), { layout: 'rgb24' }).frames()) return f;
  throw new Error('no frame');
}

/** Each present label's bounding box. */
function classBoxes(mask: SemanticMask): Record<string, number[]> {
  const boxes = mask.labels.map(() => [Infinity, Infinity, -Infinity, -Infinity]);
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      const b = boxes[mask.classes[y * mask.width + x]];
      b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x + 1); b[3] = Math.max(b[3], y + 1);
    }
  }
  return Object.fromEntries(boxes.flatMap((b, k) => (b[2] > 0 ? [[mask.labels[k], b]] : [])));
}

describe('DeepLabV3 parity with an independent OpenCV run (class shares within 1 pp)', () => {
  let segmenter: Segmenter;
  before(async () => {
    const entry = findModelEntry('deeplab-v3-mnv2-257')!;
    const m = await resolveModel(entry.id, { searchPath: modelSearchPath(), download: false });
    segmenter = createDeeplabSegmenter(entry, [await createInferenceSession(m.path, { intraOpNumThreads: 1, modelId: entry.id })]);
  });
  after(() => segmenter.dispose());

  it('fastestdet_3.jpg: a fifth of the photo is people, and it lies on the four people', async () => {
    const ref = REFERENCE['fastestdet_3.jpg'];
    const mask = await segmenter.segment(await photo('fastestdet_3.jpg'));
    assert.deepEqual([mask.width, mask.height], ref.size);
    assertSharesNear(classShares(mask), ref.shares, 1);
    const box = classBoxes(mask).person;
    box.forEach((v, i) => assert.ok(Math.abs(v - ref.boxes.person[i]) <= 4, `person box ${box} vs ${ref.boxes.person}`));

    // Nearly every person pixel lies in one of the detected people's boxes; the boxes, masked by
    // class (boxToMask), hold every person's body: at least a quarter of each box.
    const person = mask.labels.indexOf('person');
    const personPx = mask.classes.reduce((n, k) => n + (k === person ? 1 : 0), 0);
    let inside = 0;
    for (let y = 0; y < mask.height; y++) {
      for (let x = 0; x < mask.width; x++) {
        if (mask.classes[y * mask.width + x] !== person) continue;
        if (PERSON_BOXES.some((b) => x + 0.5 >= b[0] && x + 0.5 < b[2] && y + 0.5 >= b[1] && y + 0.5 < b[3])) inside++;
      }
    }
    assert.ok(inside / personPx >= 0.97, `${inside} of ${personPx} person pixels in the people's boxes`);
    for (const b of PERSON_BOXES) {
      const fill = rleArea(boxToMask(mask, person, b)) / ((b[2] - b[0]) * (b[3] - b[1]));
      assert.ok(fill >= 0.25, `box [${b}] is ${(100 * fill).toFixed(1)} % person`);
    }
  });

  it('fastestdet_1_bus.jpg: half the photo is bus, in one region where the bus is', async () => {
    const ref = REFERENCE['fastestdet_1_bus.jpg'];
    const mask = await segmenter.segment(await photo('fastestdet_1_bus.jpg'));
    assert.deepEqual([mask.width, mask.height], ref.size);
    const shares = classShares(mask);
    assertSharesNear(shares, ref.shares, 1);
    const regions = connectedComponents(mask, mask.labels.indexOf('bus'), 100);
    assert.equal(regions.length, 1, `bus regions ${JSON.stringify(regions.map((r) => r.xyxy))}`);
    regions[0].xyxy.forEach((v, i) => assert.ok(Math.abs(v - ref.boxes.bus[i]) <= 4, `bus box ${regions[0].xyxy} vs ${ref.boxes.bus}`));
    assert.ok(regions[0].areaPx >= 0.99 * (shares.bus / 100) * mask.classes.length);
  });
});
