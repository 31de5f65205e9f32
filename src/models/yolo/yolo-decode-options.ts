import type { BufferToSource } from '../../core/frame';

/** Output layouts the YOLO decoders read; see {@link decodeYoloOutput}. */
export type YoloOutputLayout = 'yolox' | 'yolov5' | 'yolov8';

/** Every accepted layout, for validation and error messages. */
export const YOLO_OUTPUT_LAYOUTS: readonly YoloOutputLayout[] = Object.freeze(['yolox', 'yolov5', 'yolov8']);

/** What every YOLO decoder needs: the model input size, the labels and the way back to source pixels. */
export interface YoloDecodeOptions {
  /** Model input size in pixels (the tensor the boxes are measured in). */
  inputWidth: number;
  inputHeight: number;
  labels: readonly string[];
  scoreThreshold: number;
  /** Class-wise NMS IoU (default 0.45). */
  iouThreshold?: number;
  maxDetections?: number;
  /** Tensor pixel → source pixel, as the preprocessing fitted the frame (letterbox or stretch). */
  toSource: BufferToSource;
  /** Source frame size, to clip boxes. */
  sourceWidth: number;
  sourceHeight: number;
}

/** A plain float tensor (the runtime's output). */
export interface YoloTensor {
  data: Float32Array;
  dims: readonly number[];
}

/** The output tensor does not have the shape its layout and label count call for. */
export class YoloOutputMismatch extends Error {
  override readonly name = 'YoloOutputMismatch';
}

/**
 * The last two dims of an output, after checking every leading dim is 1 (batch of one): exports
 * differ in whether they keep the batch axis, and only the matrix matters.
 */
export function outputMatrix(output: YoloTensor, layout: YoloOutputLayout): [number, number] {
  const d = output.dims;
  if (d.length < 2 || d.slice(0, -2).some((x) => x !== 1)) {
    throw new YoloOutputMismatch(`${layout} output must be [1, rows, cols] (batch 1), got [${d.join(', ')}]`);
  }
  const rows = d[d.length - 2];
  const cols = d[d.length - 1];
  if (output.data.length !== rows * cols) throw new YoloOutputMismatch(`${layout} output has ${output.data.length} values for shape [${d.join(', ')}]`);
  return [rows, cols];
}
