import assert from 'node:assert/strict';
import {
  initiateKalmanBox,
  predictKalmanBox,
  stateToXyxy,
  updateKalmanBox,
  xyxyToMeasurement,
} from '../../../../src/grounding/tracking/kalman-box-filter';

/** Box at frame t of an object moving at constant velocity (xyxy). */
function boxAt(t: number, v: { x: number; y: number; w: number; h: number; vx: number; vy: number; vw: number; vh: number }): number[] {
  const w = v.w + v.vw * t;
  const h = v.h + v.vh * t;
  const cx = v.x + v.vx * t;
  const cy = v.y + v.vy * t;
  return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
}

describe('kalman-box-filter', () => {
  it('converts xyxy to [cx, cy, aspect, height] and back', () => {
    const m = xyxyToMeasurement([10, 20, 30, 60]);
    assert.deepEqual(Array.from(m), [20, 40, 0.5, 40]);
    assert.deepEqual(Array.from(stateToXyxy(initiateKalmanBox(m))), [10, 20, 30, 60]);
    assert.deepEqual(Array.from(xyxyToMeasurement(new Float32Array([0, 0, 1, 1, 10, 20, 30, 60]), 1)), [20, 40, 0.5, 40]);
  });

  // The velocity prior is small (10/160 of the height per frame), so a fast box needs more updates.
  const motions = [
    { name: 'moving right and down', updates: 8, x: 100, y: 100, w: 40, h: 80, vx: 5, vy: 3, vw: 0, vh: 0 },
    { name: 'moving left, fast', updates: 14, x: 600, y: 200, w: 60, h: 60, vx: -12, vy: 0, vw: 0, vh: 0 },
    { name: 'approaching (growing)', updates: 8, x: 300, y: 300, w: 30, h: 60, vx: 1, vy: -2, vw: 0.5, vh: 1 },
    { name: 'standing still', updates: 3, x: 50, y: 50, w: 20, h: 20, vx: 0, vy: 0, vw: 0, vh: 0 },
  ];
  for (const m of motions) {
    it(`predicts a box ${m.name} within 1 px after ${m.updates} updates`, () => {
      const s = initiateKalmanBox(xyxyToMeasurement(boxAt(0, m)));
      for (let t = 1; t <= m.updates; t++) {
        predictKalmanBox(s);
        updateKalmanBox(s, xyxyToMeasurement(boxAt(t, m)));
      }
      for (let t = m.updates + 1; t <= m.updates + 3; t++) {
        predictKalmanBox(s);
        const predicted = stateToXyxy(s);
        const truth = boxAt(t, m);
        for (let k = 0; k < 4; k++) assert.ok(Math.abs(predicted[k] - truth[k]) < 1, `t=${t} coord ${k}: ${predicted[k]} vs ${truth[k]}`);
        updateKalmanBox(s, xyxyToMeasurement(truth));
      }
    });
  }

  it('keeps the covariance symmetric with positive variances, and grows it while unobserved', () => {
    const s = initiateKalmanBox(xyxyToMeasurement([0, 0, 20, 40]));
    for (let t = 0; t < 20; t++) {
      predictKalmanBox(s);
      updateKalmanBox(s, xyxyToMeasurement([t, 0, 20 + t, 40]));
    }
    const before = s.covariance[0];
    for (let t = 0; t < 5; t++) predictKalmanBox(s);
    assert.ok(s.covariance[0] > before);
    for (let i = 0; i < 8; i++) {
      assert.ok(s.covariance[i * 8 + i] > 0);
      for (let j = 0; j < 8; j++) assert.ok(Math.abs(s.covariance[i * 8 + j] - s.covariance[j * 8 + i]) < 1e-9);
    }
  });
});
