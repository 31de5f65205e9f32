import type { Detections } from '../../core/detections';
import { bestClass, createBoxCollector } from './box-collector';
import { outputMatrix, YoloOutputMismatch, type YoloDecodeOptions, type YoloTensor } from './yolo-decode-options';

/**
 * Decodes an Ultralytics YOLOv8/YOLO11 export: `[1, 4 + classes, N]` (channels first, as
 * `yolo export format=onnx` writes it) with cx, cy, w, h in model-input pixels then class scores
 * (sigmoids applied, no objectness); score = best class. The transposed `[1, N, 4 + classes]`
 * (some converters and NMS-free post-processing graphs) is recognised by which axis matches the
 * label count; when both do, channels-first wins, as Ultralytics writes it.
 *
 * @example
 * const d = decodeYolov8(output, { inputWidth: 640, inputHeight: 640, labels, scoreThreshold: 0.25, toSource, sourceWidth: 1920, sourceHeight: 1080 });
 */
export function decodeYolov8(output: YoloTensor, options: YoloDecodeOptions): Detections {
  const numClasses = options.labels.length;
  const per = 4 + numClasses;
  const [rows, cols] = outputMatrix(output, 'yolov8');
  let n: number;
  let channelStep: number; // distance between one box's consecutive values
  let boxStep: number; // distance between consecutive boxes
  if (rows === per) {
    [n, channelStep, boxStep] = [cols, cols, 1];
  } else if (cols === per) {
    [n, channelStep, boxStep] = [rows, 1, per];
  } else {
    throw new YoloOutputMismatch(`yolov8 output is [${output.dims.join(', ')}]; neither axis is 4 + ${numClasses} labels = ${per} ([1, ${per}, N] or [1, N, ${per}] expected)`);
  }
  const out = output.data;
  const boxes = createBoxCollector(options);
  for (let i = 0; i < n; i++) {
    const o = i * boxStep;
    const [best, score] = bestClass(out, o + 4 * channelStep, numClasses, channelStep);
    if (score < options.scoreThreshold) continue;
    boxes.add(out[o], out[o + channelStep], out[o + 2 * channelStep], out[o + 3 * channelStep], score, best);
  }
  return boxes.finish();
}
