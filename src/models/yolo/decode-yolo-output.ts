import type { Detections } from '../../core/detections';
import { decodeYolov5 } from './decode-yolov5';
import { decodeYolov8 } from './decode-yolov8';
import { decodeYoloxGrid, type YoloxGridOptions } from './decode-yolox-grid';
import type { YoloOutputLayout, YoloTensor } from './yolo-decode-options';

/**
 * Decodes one YOLO output tensor by layout, boxes in source pixels after class-wise NMS:
 * - `yolox`: `[1, N, 5 + C]`, grid-relative cx, cy, log w, log h per stride (8/16/32), objectness, classes.
 * - `yolov5`: `[1, N, 5 + C]`, cx, cy, w, h in input pixels, objectness, classes; score = obj × cls.
 * - `yolov8`: `[1, 4 + C, N]` (or `[1, N, 4 + C]`), cx, cy, w, h in input pixels, classes; no objectness.
 * Throws {@link YoloOutputMismatch} when the shape does not fit the layout and label count.
 *
 * @example
 * const d = decodeYoloOutput('yolov8', output, { inputWidth: 640, inputHeight: 640, labels, scoreThreshold: 0.25, toSource, sourceWidth, sourceHeight });
 */
export function decodeYoloOutput(layout: YoloOutputLayout, output: YoloTensor, options: YoloxGridOptions): Detections {
  switch (layout) {
    case 'yolox': return decodeYoloxGrid(output, options);
    case 'yolov5': return decodeYolov5(output, options);
    case 'yolov8': return decodeYolov8(output, options);
  }
}
