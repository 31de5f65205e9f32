import type { Detections } from '../../core/detections';

/**
 * Moves boxes from tile pixels to scene pixels by the tile window's origin. Returns a new
 * Detections sharing nothing mutable with the input.
 *
 * @example
 * shiftToScene(dets, { x0: 448, y0: 0 }).xyxy // → [448 + x1, y1, 448 + x2, y2, ...]
 */
export function shiftToScene(dets: Detections, window: { x0: number; y0: number }): Detections {
  const xyxy = new Float32Array(dets.xyxy.length);
  for (let i = 0; i < xyxy.length; i += 4) {
    xyxy[i] = dets.xyxy[i] + window.x0;
    xyxy[i + 1] = dets.xyxy[i + 1] + window.y0;
    xyxy[i + 2] = dets.xyxy[i + 2] + window.x0;
    xyxy[i + 3] = dets.xyxy[i + 3] + window.y0;
  }
  const out: Detections = { xyxy, score: dets.score.slice(), classId: dets.classId.slice(), label: dets.label.slice() };
  if (dets.phrase) out.phrase = dets.phrase.slice();
  if (dets.trackId) out.trackId = dets.trackId.slice();
  return out;
}
