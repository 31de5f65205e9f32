import type { BufferToSource, Frame } from '../../core/frame';
import type { ModelSpecInput } from '../spec/model-spec';
import { toSpecTensor } from '../spec/spec-input';

/** NanoDet's training mean, per channel in B, G, R order (ImageNet statistics on 0..255). */
export const NANODET_MEAN: readonly [number, number, number] = Object.freeze([103.53, 116.28, 123.675]) as readonly [number, number, number];
/** NanoDet's training standard deviation, per channel in B, G, R order. */
export const NANODET_STD: readonly [number, number, number] = Object.freeze([57.375, 57.12, 58.395]) as readonly [number, number, number];

/** A model-ready NCHW float tensor (normalised B, G, R planes) and how its pixels map to the source. */
export interface NanodetInput {
  data: Float32Array;
  dims: number[];
  toSource: BufferToSource;
}

/**
 * The spec input NanoDet was trained with: the frame stretched to `width × height` (no letterbox,
 * so each axis has its own scale), BGR, value = (pixel − mean) / std.
 */
export function nanodetSpecInput(width: number, height: number): ModelSpecInput {
  return { width, height, layout: 'NCHW', colorOrder: 'BGR', mean: NANODET_MEAN, std: NANODET_STD, resize: 'stretch', padValue: 0 };
}

/**
 * Prepares any frame (any size, packed or planar) for NanoDet: stretched bilinearly (OpenCV
 * INTER_LINEAR) to `width × height` unless a source already delivered that size, then normalised.
 * `toSource` composes the stretch with the frame's own mapping, so boxes land in source pixels.
 *
 * @example
 * const { data, dims, toSource } = toNanodetInput(frame, 320, 320);
 */
export function toNanodetInput(frame: Frame, width: number, height: number, reuse?: Float32Array): NanodetInput {
  return toSpecTensor(frame, nanodetSpecInput(width, height), reuse);
}
