import type { Detections } from '../../core/detections';
import { bestClass, createBoxCollector } from './box-collector';
import { outputMatrix, YoloOutputMismatch, type YoloDecodeOptions, type YoloTensor } from './yolo-decode-options';

/** Options of {@link decodeYoloxGrid}. */
export interface YoloxGridOptions extends YoloDecodeOptions {
  /** Feature-map strides, in anchor order (default 8, 16, 32). */
  strides?: readonly number[];
}

/**
 * Decodes a YOLOX head `[1, anchors, 5 + classes]` whose boxes are still grid-relative: per anchor
 * (cx + gx)·s, (cy + gy)·s, exp(w)·s, exp(h)·s, objectness, class scores (sigmoids applied);
 * anchors run over the strides in order, row-major within each map of (H/s) × (W/s) cells.
 * Score = objectness × best class. Unlike src/models/yolox/postprocess.ts (square inputs only) it
 * takes any width × height and custom strides, so the yolox family can switch to it.
 *
 * @example
 * const d = decodeYoloxGrid(output, { inputWidth: 416, inputHeight: 416, labels, scoreThreshold: 0.3, toSource, sourceWidth: 500, sourceHeight: 335 });
 */
export function decodeYoloxGrid(output: YoloTensor, options: YoloxGridOptions): Detections {
  const strides = options.strides ?? [8, 16, 32];
  const numClasses = options.labels.length;
  const per = 5 + numClasses;
  const [anchors, cols] = outputMatrix(output, 'yolox');
  if (cols !== per) {
    throw new YoloOutputMismatch(`yolox output has ${cols} values per anchor; 5 + ${numClasses} labels = ${per} expected`);
  }
  const maps = strides.map((s) => ({ s, gw: Math.ceil(options.inputWidth / s), gh: Math.ceil(options.inputHeight / s) }));
  const expected = maps.reduce((n, m) => n + m.gw * m.gh, 0);
  if (anchors !== expected) {
    throw new YoloOutputMismatch(`yolox output has ${anchors} anchors; ${expected} expected for input ${options.inputWidth}x${options.inputHeight} and strides ${strides.join('/')}`);
  }
  const out = output.data;
  const boxes = createBoxCollector(options);
  let a = 0;
  for (const { s, gw, gh } of maps) {
    for (let gy = 0; gy < gh; gy++) {
      for (let gx = 0; gx < gw; gx++, a++) {
        const o = a * per;
        const objectness = out[o + 4];
        if (objectness < options.scoreThreshold) continue; // score ≤ objectness: skip the class scan
        const [best, cls] = bestClass(out, o + 5, numClasses);
        const score = objectness * cls;
        if (score < options.scoreThreshold) continue;
        boxes.add((out[o] + gx) * s, (out[o + 1] + gy) * s, Math.exp(out[o + 2]) * s, Math.exp(out[o + 3]) * s, score, best);
      }
    }
  }
  return boxes.finish();
}
