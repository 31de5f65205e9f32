import assert from 'node:assert/strict';
import type { Detections } from '../../src/core/detections';
import type { Frame } from '../../src/core/frame';
import { iouAt } from '../../src/grounding/nms';
import { createVideoSource } from '../../src/sources/video';
import { dataFile } from './paths';

/** Detections a reference implementation (OpenCV cv2.dnn) gave on a photo. */
export type Reference = { label: string; score: number; box: [number, number, number, number] }[];

/** The one frame of a shared photo (`images/<image>`), decoded with the given source options. */
export async function photoFrame(image: string, options: Parameters<typeof createVideoSource>[1]): Promise<Frame> {
  for await (const f of createVideoSource(dataFile(`images/${image}`), options).frames()) return f;
  throw new Error(`no frame in ${image}`);
}

/** Each reference box matched one-to-one by a detection of its label with IoU ≥ `minIou` and a score within `scoreTolerance`. */
export function assertMatches(d: Detections, reference: Reference, scoreTolerance: number, minIou = 0.9): void {
  assert.equal(d.score.length, reference.length, `found ${d.label.map((l, i) => `${l} ${d.score[i].toFixed(3)}`).join(', ')}`);
  const used = new Set<number>();
  for (const ref of reference) {
    let best = -1;
    let bestIou = 0;
    for (let i = 0; i < d.score.length; i++) {
      if (used.has(i) || d.label[i] !== ref.label) continue;
      const iou = iouAt([...d.xyxy.subarray(i * 4, i * 4 + 4), ...ref.box], 0, 1);
      if (iou > bestIou) { bestIou = iou; best = i; }
    }
    assert.ok(bestIou >= minIou, `${ref.label} ${ref.score} at [${ref.box}]: best IoU ${bestIou.toFixed(3)}`);
    used.add(best);
    assert.ok(Math.abs(d.score[best] - ref.score) <= scoreTolerance, `${ref.label} score ${d.score[best]} vs ${ref.score}`);
  }
}
