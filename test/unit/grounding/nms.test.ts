import assert from 'node:assert/strict';
import { iouAt, nmsClassWise } from '../../../src/grounding/nms';

describe('iouAt', () => {
  const cases: { name: string; boxes: number[]; iou: number }[] = [
    { name: 'identical boxes', boxes: [0, 0, 10, 10, 0, 0, 10, 10], iou: 1 },
    { name: 'disjoint boxes', boxes: [0, 0, 10, 10, 20, 20, 30, 30], iou: 0 },
    { name: 'touching edges (pixel-corner convention)', boxes: [0, 0, 10, 10, 10, 0, 20, 10], iou: 0 },
    { name: 'half overlap', boxes: [0, 0, 10, 10, 5, 0, 15, 10], iou: 50 / 150 },
    { name: 'contained', boxes: [0, 0, 10, 10, 0, 0, 5, 10], iou: 0.5 },
    { name: 'degenerate box', boxes: [0, 0, 0, 0, 0, 0, 0, 0], iou: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.ok(Math.abs(iouAt(c.boxes, 0, 1) - c.iou) < 1e-9));
});

describe('nmsClassWise', () => {
  const cases: { name: string; boxes: number[]; scores: number[]; classes: number[]; iou: number; max?: number; kept: number[] }[] = [
    { name: 'suppresses a weaker overlapping box of the same class', boxes: [0, 0, 10, 10, 1, 1, 10, 10], scores: [0.8, 0.9], classes: [0, 0], iou: 0.5, kept: [1] },
    { name: 'keeps overlapping boxes of different classes', boxes: [0, 0, 10, 10, 1, 1, 10, 10], scores: [0.8, 0.9], classes: [0, 1], iou: 0.5, kept: [1, 0] },
    { name: 'keeps boxes under the IoU threshold', boxes: [0, 0, 10, 10, 5, 0, 15, 10], scores: [0.9, 0.8], classes: [0, 0], iou: 0.45, kept: [0, 1] },
    { name: 'chains: suppressed boxes do not suppress others', boxes: [0, 0, 10, 10, 4, 0, 14, 10, 8, 0, 18, 10], scores: [0.9, 0.8, 0.7], classes: [0, 0, 0], iou: 0.3, kept: [0, 2] },
    { name: 'caps the count, best first', boxes: [0, 0, 1, 1, 5, 5, 6, 6, 9, 9, 10, 10], scores: [0.1, 0.3, 0.2], classes: [0, 0, 0], iou: 0.5, max: 2, kept: [1, 2] },
    { name: 'empty input', boxes: [], scores: [], classes: [], iou: 0.5, kept: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(nmsClassWise(c.boxes, c.scores, c.classes, { iouThreshold: c.iou, maxDetections: c.max }), c.kept);
    });
  }
});
