import type { Detections } from '../../core/detections';
import { emptyDetections, selectDetections } from '../../core/detections';
import type { BufferToSource } from '../../core/frame';
import { nmsClassWise } from '../../grounding/nms';

/** Options of {@link decodeYolox}. */
export interface YoloxDecodeOptions {
  /** Square input side in pixels, e.g. 416. */
  inputSize: number;
  strides?: readonly number[];
  scoreThreshold: number;
  iouThreshold?: number;
  maxDetections?: number;
  labels: readonly string[];
  toSource: BufferToSource;
  /** Source frame size, to clip boxes. */
  sourceWidth: number;
  sourceHeight: number;
}

/**
 * Decodes YOLOX output `[1, anchors, 5 + classes]` (cx, cy, w, h on the grid, objectness,
 * class scores; sigmoids already applied) into source-pixel boxes: grid/stride decode over the
 * strides (8, 16, 32 by default, row-major within each), score = objectness × best class score,
 * then class-wise NMS.
 *
 * @example
 * const dets = decodeYolox(output, { inputSize: 416, scoreThreshold: 0.3, labels, toSource, sourceWidth: 500, sourceHeight: 335 });
 */
export function decodeYolox(output: { data: Float32Array; dims: readonly number[] }, options: YoloxDecodeOptions): Detections {
  const strides = options.strides ?? [8, 16, 32];
  const numClasses = options.labels.length;
  const stride = 5 + numClasses;
  const anchors = output.dims[output.dims.length - 2];
  if (output.dims[output.dims.length - 1] !== stride) {
    throw new Error(`YOLOX output has ${output.dims[output.dims.length - 1]} values per anchor; ${stride} expected for ${numClasses} labels`);
  }
  const expected = strides.reduce((n, s) => n + (options.inputSize / s) ** 2, 0);
  if (anchors !== expected) throw new Error(`YOLOX output has ${anchors} anchors; ${expected} expected for input ${options.inputSize}`);
  const out = output.data;
  const boxes: number[] = [];
  const scores: number[] = [];
  const classes: number[] = [];
  const t = options.toSource;
  let a = 0;
  for (const s of strides) {
    const side = options.inputSize / s;
    for (let gy = 0; gy < side; gy++) {
      for (let gx = 0; gx < side; gx++, a++) {
        const o = a * stride;
        const objectness = out[o + 4];
        if (objectness < options.scoreThreshold) continue; // score ≤ objectness
        let best = 0;
        let bestScore = -1;
        for (let c = 0; c < numClasses; c++) {
          const v = out[o + 5 + c];
          if (v > bestScore) { bestScore = v; best = c; }
        }
        const score = objectness * bestScore;
        if (score < options.scoreThreshold) continue;
        const cx = (out[o] + gx) * s;
        const cy = (out[o + 1] + gy) * s;
        const w = Math.exp(out[o + 2]) * s;
        const h = Math.exp(out[o + 3]) * s;
        const x1 = ((cx - w / 2) - t.offsetX) / t.scaleX;
        const y1 = ((cy - h / 2) - t.offsetY) / t.scaleY;
        const x2 = ((cx + w / 2) - t.offsetX) / t.scaleX;
        const y2 = ((cy + h / 2) - t.offsetY) / t.scaleY;
        boxes.push(
          Math.min(Math.max(x1, 0), options.sourceWidth),
          Math.min(Math.max(y1, 0), options.sourceHeight),
          Math.min(Math.max(x2, 0), options.sourceWidth),
          Math.min(Math.max(y2, 0), options.sourceHeight),
        );
        scores.push(score);
        classes.push(best);
      }
    }
  }
  if (scores.length === 0) return emptyDetections();
  const all: Detections = {
    xyxy: Float32Array.from(boxes),
    score: Float32Array.from(scores),
    classId: Int32Array.from(classes),
    label: classes.map((c) => options.labels[c]),
  };
  const kept = nmsClassWise(all.xyxy, all.score, all.classId, { iouThreshold: options.iouThreshold ?? 0.45, maxDetections: options.maxDetections ?? 300 });
  return selectDetections(all, kept);
}
