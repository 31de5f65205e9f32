import type { BufferToSource, Frame } from '../../core/frame';
import type { ModelSpecInput } from '../spec/model-spec';
import { toSpecTensor } from '../spec/spec-input';

/** A model-ready NCHW float tensor (B, G, R planes in 0..1) and how its pixels map to the source. */
export interface FastestdetInput {
  data: Float32Array;
  dims: number[];
  toSource: BufferToSource;
}

/** The spec input FastestDet was trained with: the frame stretched to `width × height`, BGR, pixel / 255. */
export function fastestdetSpecInput(width: number, height: number): ModelSpecInput {
  return { width, height, layout: 'NCHW', colorOrder: 'BGR', mean: [0, 0, 0], std: [255, 255, 255], resize: 'stretch', padValue: 0 };
}

/**
 * Prepares any frame (any size, packed or planar) for FastestDet: stretched bilinearly (OpenCV
 * INTER_LINEAR) to `width × height` unless a source already delivered that size, BGR / 255.
 * `toSource` composes the stretch with the frame's own mapping, so boxes land in source pixels.
 *
 * @example
 * const { data, dims, toSource } = toFastestdetInput(frame, 352, 352);
 */
export function toFastestdetInput(frame: Frame, width: number, height: number, reuse?: Float32Array): FastestdetInput {
  return toSpecTensor(frame, fastestdetSpecInput(width, height), reuse);
}
