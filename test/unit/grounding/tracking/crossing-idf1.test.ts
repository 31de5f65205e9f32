import assert from 'node:assert/strict';
import { evaluateMot, type MotRow } from '../../../../src/grounding/mot';
import { createByteTracker } from '../../../../src/grounding/tracking';
import { crossingScene, sceneFrameToDetections } from './crossing-scene';

/** Ground-truth boxes of a synthetic scene fed to the tracker as detections, scored with the MOT evaluator. */
describe('ByteTrack on a synthetic scene with crossing objects (ground truth as detections)', () => {
  const cases = [
    { seed: 1, objects: 8 },
    { seed: 2, objects: 12 },
    { seed: 3, objects: 16 },
  ];
  for (const c of cases) {
    it(`keeps identities: IDF1 ≥ 0.95 (seed ${c.seed}, ${c.objects} objects)`, () => {
      const scene = crossingScene({ frames: 300, objects: c.objects, width: 1280, height: 720, seed: c.seed });
      const tracker = createByteTracker();
      const gt = new Map<number, MotRow[]>();
      const pred = new Map<number, MotRow[]>();
      const row = (frame: number, id: number, b: ArrayLike<number>, score: number): MotRow => ({ frame, id, x: b[0], y: b[1], w: b[2] - b[0], h: b[3] - b[1], score });
      scene.forEach((objects, i) => {
        gt.set(i + 1, objects.map((o) => row(i + 1, o.id, o.xyxy, 1)));
        const { detections } = tracker.update(sceneFrameToDetections(objects));
        const rows: MotRow[] = [];
        for (let k = 0; k < detections.score.length; k++) {
          const id = detections.trackId![k];
          if (id > 0) rows.push(row(i + 1, id, detections.xyxy.subarray(4 * k, 4 * k + 4), detections.score[k]));
        }
        pred.set(i + 1, rows);
      });
      const m = evaluateMot(gt, pred);
      process.stdout.write(`      IDF1 ${m.idf1.toFixed(4)}  MOTA ${m.mota.toFixed(4)}  ID switches ${m.idSwitches}  GT ids ${m.numGtIds}  track ids ${m.numPredIds}\n`);
      assert.ok(m.idf1 >= 0.95, `IDF1 ${m.idf1}`);
      assert.ok(m.idSwitches <= 1, `ID switches ${m.idSwitches}`);
    });
  }
});
