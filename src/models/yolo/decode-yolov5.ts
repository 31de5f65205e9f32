import type { Detections } from '../../core/detections';
import { bestClass, createBoxCollector } from './box-collector';
import { outputMatrix, YoloOutputMismatch, type YoloDecodeOptions, type YoloTensor } from './yolo-decode-options';

/**
 * Decodes a YOLOv5-style export (also YOLOv7 and most DOTA/VisDrone v5 forks) `[1, N, 5 + classes]`:
 * per row cx, cy, w, h in model-input pixels, objectness, class scores (sigmoids applied).
 * Score = objectness × best class; class-wise NMS.
 *
 * @example
 * const d = decodeYolov5(output, { inputWidth: 640, inputHeight: 640, labels, scoreThreshold: 0.25, toSource, sourceWidth: 1920, sourceHeight: 1080 });
 */
export function decodeYolov5(output: YoloTensor, options: YoloDecodeOptions): Detections {
  const numClasses = options.labels.length;
  const per = 5 + numClasses;
  const [rows, cols] = outputMatrix(output, 'yolov5');
  if (cols !== per) {
    throw new YoloOutputMismatch(`yolov5 output has ${cols} values per row; 5 + ${numClasses} labels = ${per} expected`);
  }
  const out = output.data;
  const boxes = createBoxCollector(options);
  for (let r = 0; r < rows; r++) {
    const o = r * per;
    const objectness = out[o + 4];
    if (objectness < options.scoreThreshold) continue;
    const [best, cls] = bestClass(out, o + 5, numClasses);
    const score = objectness * cls;
    if (score < options.scoreThreshold) continue;
    boxes.add(out[o], out[o + 1], out[o + 2], out[o + 3], score, best);
  }
  return boxes.finish();
}
