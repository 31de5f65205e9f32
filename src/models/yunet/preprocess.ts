import type { BufferToSource, Frame } from '../../core/frame';
import { toSpecTensor } from '../spec/spec-input';

/** A model-ready NCHW float tensor (B, G, R planes, 0..255) and how its pixels map to the source. */
export interface YunetInput {
  data: Float32Array;
  dims: number[];
  toSource: BufferToSource;
}

/**
 * Stretches a frame of any size and layout to `width × height` as BGR planes of raw 0..255 floats,
 * what OpenCV's `blobFromImage(image)` (no swapRB, no scaling) gives the reference decoders. BGR
 * matters: fed RGB, the 120 × 160 export finds no face at all on the group photo the tests use.
 * No letterbox: the priors are fractions of the stretched input, so each axis maps back on its own.
 * A planar `gbrp` frame already at the model size is copied plane by plane.
 *
 * @example
 * const { data, dims, toSource } = toYunetInput(frame); // dims [1, 3, 120, 160]
 */
export function toYunetInput(frame: Frame, width = 160, height = 120, reuse?: Float32Array): YunetInput {
  return toSpecTensor(frame, {
    width, height, layout: 'NCHW', colorOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'stretch', padValue: 0,
  }, reuse);
}
