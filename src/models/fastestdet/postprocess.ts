import type { Detections } from '../../core/detections';
import { bestClass, createBoxCollector } from '../yolo/box-collector';
import { YoloOutputMismatch, type YoloDecodeOptions, type YoloTensor } from '../yolo/yolo-decode-options';

/** Options of {@link decodeFastestdet}: the model input size, labels, threshold and way back to source pixels. */
export type FastestdetDecodeOptions = YoloDecodeOptions;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Decodes a FastestDet export `[1, 5 + classes, H, W]` (channel-major, one prediction per cell)
 * into source-pixel boxes, as FastestDet's own `handle_preds` does: channel 0 is objectness
 * (sigmoid applied in the model), 1..4 raw box terms, then class probabilities (softmax applied in
 * the model). Cell (gx, gy) predicts centre ((gx + tanh(t₁)) / W, (gy + tanh(t₂)) / H) — an offset
 * from the cell's top-left corner, no +0.5 — and size (sigmoid(t₃), sigmoid(t₄)), all as fractions
 * of the input. Score = objectness × best class, then class-wise NMS.
 *
 * @example
 * const d = decodeFastestdet(output, { inputWidth: 352, inputHeight: 352, labels, scoreThreshold: 0.65, toSource, sourceWidth: 640, sourceHeight: 480 });
 */
export function decodeFastestdet(output: YoloTensor, options: FastestdetDecodeOptions): Detections {
  const numClasses = options.labels.length;
  const d = output.dims;
  if (d.length !== 4 || d[0] !== 1) throw new YoloOutputMismatch(`fastestdet output must be [1, 5 + classes, H, W], got [${d.join(', ')}]`);
  const [, channels, H, W] = d;
  if (channels !== 5 + numClasses) {
    throw new YoloOutputMismatch(`fastestdet output has ${channels} channels; 5 + ${numClasses} labels = ${5 + numClasses} expected`);
  }
  if (output.data.length !== channels * H * W) throw new YoloOutputMismatch(`fastestdet output has ${output.data.length} values for shape [${d.join(', ')}]`);
  const out = output.data;
  const plane = H * W;
  const boxes = createBoxCollector(options);
  for (let gy = 0, i = 0; gy < H; gy++) {
    for (let gx = 0; gx < W; gx++, i++) {
      const objectness = out[i];
      if (objectness < options.scoreThreshold) continue; // score ≤ objectness: skip the class scan
      const [best, cls] = bestClass(out, 5 * plane + i, numClasses, plane);
      const score = objectness * cls;
      if (score < options.scoreThreshold) continue;
      const cx = ((gx + Math.tanh(out[plane + i])) / W) * options.inputWidth;
      const cy = ((gy + Math.tanh(out[2 * plane + i])) / H) * options.inputHeight;
      const w = sigmoid(out[3 * plane + i]) * options.inputWidth;
      const h = sigmoid(out[4 * plane + i]) * options.inputHeight;
      boxes.add(cx, cy, w, h, score, best);
    }
  }
  return boxes.finish();
}
