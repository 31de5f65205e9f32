import type { BufferToSource, Frame } from '../../core/frame';
import { toSpecTensor } from '../spec/spec-input';

/** A model-ready NCHW float tensor (BGR planes, 0..255) and how its pixels map to the source. */
export interface YoloxInput {
  data: Float32Array;
  size: number;
  toSource: BufferToSource;
}

/**
 * Letterboxes a frame for YOLOX: scaled by r = min(size/w, size/h) to (floor(w·r), floor(h·r)) at
 * the top-left, the rest filled with `padValue`, as BGR planes of 0..255 floats. It is the general
 * spec preprocessing with YOLOX's fixed input: a frame a source already letterboxed to `size` in
 * planar `gbrp` is copied plane by plane, anything else resampled bilinearly (OpenCV INTER_LINEAR).
 *
 * @example
 * const { data, toSource } = toYoloxInput(frame, 416);
 */
export function toYoloxInput(frame: Frame, size: number, padValue = 114, reuse?: Float32Array): YoloxInput {
  const { data, toSource } = toSpecTensor(frame, {
    width: size, height: size, layout: 'NCHW', colorOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], resize: 'letterbox', padValue,
  }, reuse);
  return { data, size, toSource };
}
