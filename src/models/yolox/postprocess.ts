import type { Detections } from '../../core/detections';
import type { BufferToSource } from '../../core/frame';
import { decodeYoloxGrid } from '../yolo/decode-yolox-grid';

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
  return decodeYoloxGrid(output, { ...options, inputWidth: options.inputSize, inputHeight: options.inputSize });
}
