import type { Detections } from '../../core/detections';
import { emptyDetections, selectDetections } from '../../core/detections';
import { nmsClassWise } from '../../grounding/nms';
import type { YoloDecodeOptions } from './yolo-decode-options';

/** Gathers candidate boxes in tensor pixels; `finish` maps them to source pixels and runs NMS. */
export interface BoxCollector {
  /** A box given by centre and size in model-input pixels. */
  add(cx: number, cy: number, w: number, h: number, score: number, classId: number): void;
  finish(): Detections;
}

/**
 * The common tail of every YOLO decoder: tensor box → source box through `toSource` (which already
 * composes the letterbox/stretch of the preprocessing with the source's own scaling), clipped to the
 * source frame, then class-wise NMS.
 *
 * @example
 * const boxes = createBoxCollector(options);
 * boxes.add(208, 208, 40, 80, 0.9, 0);
 * const detections = boxes.finish();
 */
export function createBoxCollector(options: YoloDecodeOptions): BoxCollector {
  const boxes: number[] = [];
  const scores: number[] = [];
  const classes: number[] = [];
  const t = options.toSource;
  const clipX = (x: number): number => Math.min(Math.max(x, 0), options.sourceWidth);
  const clipY = (y: number): number => Math.min(Math.max(y, 0), options.sourceHeight);
  return {
    add(cx, cy, w, h, score, classId) {
      boxes.push(
        clipX((cx - w / 2 - t.offsetX) / t.scaleX),
        clipY((cy - h / 2 - t.offsetY) / t.scaleY),
        clipX((cx + w / 2 - t.offsetX) / t.scaleX),
        clipY((cy + h / 2 - t.offsetY) / t.scaleY),
      );
      scores.push(score);
      classes.push(classId);
    },
    finish() {
      if (scores.length === 0) return emptyDetections();
      const all: Detections = {
        xyxy: Float32Array.from(boxes),
        score: Float32Array.from(scores),
        classId: Int32Array.from(classes),
        label: classes.map((c) => options.labels[c]),
      };
      const kept = nmsClassWise(all.xyxy, all.score, all.classId, { iouThreshold: options.iouThreshold ?? 0.45, maxDetections: options.maxDetections ?? 300 });
      return selectDetections(all, kept);
    },
  };
}

/** Index and value of the largest of `count` values from `data[start]`, `step` apart. */
export function bestClass(data: Float32Array, start: number, count: number, step = 1): [number, number] {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0, i = start; c < count; c++, i += step) {
    const v = data[i];
    if (v > bestScore) { bestScore = v; best = c; }
  }
  return [best, bestScore];
}
