import type { BufferToSource, Frame } from '../../core/frame';
import { toSpecTensor } from '../spec/spec-input';

/** UltraFace's normalisation: RGB, (pixel − 127) / 128, as the authors' ONNX and OpenCV demos feed it. */
export const ULTRAFACE_MEAN: readonly [number, number, number] = [127, 127, 127];
export const ULTRAFACE_STD: readonly [number, number, number] = [128, 128, 128];

/** A model-ready NCHW float tensor (R, G, B planes, (x − 127) / 128) and how its pixels map to the source. */
export interface UltrafaceInput {
  data: Float32Array;
  dims: number[];
  toSource: BufferToSource;
}

/**
 * Stretches a frame of any size and layout to `width × height` (bilinear with half-pixel centres,
 * as the reference's cv2.resize INTER_LINEAR) as RGB planes of (pixel − 127) / 128. No letterbox:
 * the model was trained on whole images squeezed to 320 × 240, and its boxes are fractions of the
 * stretched image, so each axis maps back with its own scale. A frame a source already scaled to
 * the model size is only normalised.
 *
 * @example
 * const { data, dims, toSource } = toUltrafaceInput(frame); // dims [1, 3, 240, 320]
 */
export function toUltrafaceInput(frame: Frame, width = 320, height = 240, reuse?: Float32Array): UltrafaceInput {
  return toSpecTensor(frame, {
    width, height, layout: 'NCHW', colorOrder: 'RGB', mean: ULTRAFACE_MEAN, std: ULTRAFACE_STD, resize: 'stretch', padValue: 0,
  }, reuse);
}
