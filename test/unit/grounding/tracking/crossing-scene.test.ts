import assert from 'node:assert/strict';
import { createByteTracker } from '../../../../src/grounding/tracking';
import { crossingScene, sceneFrameToDetections, type SceneObject } from './crossing-scene';

/** Boxes of two scene objects overlap. */
function overlap(a: SceneObject, b: SceneObject): boolean {
  return Math.min(a.xyxy[2], b.xyxy[2]) > Math.max(a.xyxy[0], b.xyxy[0]) && Math.min(a.xyxy[3], b.xyxy[3]) > Math.max(a.xyxy[1], b.xyxy[1]);
}

describe('crossingScene', () => {
  const options = { frames: 400, objects: 12, width: 640, height: 480 };

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(crossingScene({ ...options, seed: 1 }), crossingScene({ ...options, seed: 1 }));
    assert.notDeepEqual(crossingScene({ ...options, seed: 1 }), crossingScene({ ...options, seed: 2 }));
  });

  it('has objects entering and leaving, inside the frame, and same-class objects that overlap', () => {
    const scene = crossingScene({ ...options, seed: 3 });
    const firstSeen = new Map<number, number>();
    const lastSeen = new Map<number, number>();
    let sameClassOverlaps = 0;
    scene.forEach((frame, f) => {
      for (const o of frame) {
        if (!firstSeen.has(o.id)) firstSeen.set(o.id, f);
        lastSeen.set(o.id, f);
        assert.ok(o.xyxy[0] >= 0 && o.xyxy[1] >= 0 && o.xyxy[2] <= options.width && o.xyxy[3] <= options.height);
        assert.ok(o.xyxy[2] > o.xyxy[0] && o.xyxy[3] > o.xyxy[1]);
      }
      for (let i = 0; i < frame.length; i++) for (let j = i + 1; j < frame.length; j++) if (frame[i].classId === frame[j].classId && overlap(frame[i], frame[j])) sameClassOverlaps++;
    });
    assert.equal(firstSeen.size, options.objects);
    assert.ok([...firstSeen.values()].some((f) => f > 0), 'some object enters after the start');
    assert.ok([...lastSeen.values()].some((f) => f < options.frames - 1), 'some object leaves before the end');
    assert.ok(sameClassOverlaps > 0);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`ground-truth boxes as detections keep one track id per object (seed ${seed})`, () => {
      const scene = crossingScene({ ...options, seed });
      const tracker = createByteTracker();
      // GT id → track id per frame, from the frame the object first got an id.
      const history = new Map<number, number[]>();
      const gtOfTrack = new Map<number, Map<number, number>>();
      for (const frame of scene) {
        const { detections } = tracker.update(sceneFrameToDetections(frame, 0.9));
        frame.forEach((o, i) => {
          const id = detections.trackId![i];
          const h = history.get(o.id) ?? [];
          if (h.length > 0 || id !== 0) history.set(o.id, [...h, id]);
          if (id !== 0) {
            const m = gtOfTrack.get(id) ?? new Map<number, number>();
            m.set(o.id, (m.get(o.id) ?? 0) + 1);
            gtOfTrack.set(id, m);
          }
        });
      }
      assert.equal(history.size, options.objects, 'every object gets a track');
      for (const [gt, h] of history) {
        const counts = new Map<number, number>();
        for (const id of h) counts.set(id, (counts.get(id) ?? 0) + 1);
        const best = Math.max(...[...counts].filter(([id]) => id !== 0).map(([, c]) => c));
        assert.ok(best / h.length >= 0.95, `object ${gt}: ${best}/${h.length} frames on its main track id (${JSON.stringify([...counts])})`);
      }
      // And the other way: a track id follows one object.
      for (const [id, m] of gtOfTrack) {
        const total = [...m.values()].reduce((a, b) => a + b, 0);
        assert.ok(Math.max(...m.values()) / total >= 0.95, `track ${id} covers objects ${JSON.stringify([...m])}`);
      }
    });
  }
});
