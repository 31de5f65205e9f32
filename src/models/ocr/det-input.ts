import type { Frame } from '../../core/frame';
import type { FloatTensor } from '../runtime/tensor';
import { toSpecTensor } from '../spec/spec-input';

/** Python's round(): halves go to the even neighbour (PaddleOCR sizes its input with it). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The detector's input size for an image, as PaddleOCR's DetResizeForTest (limit type `max`)
 * picks it: the longer side scaled down to `limitSideLen` when above it (never up), then each side
 * rounded to a multiple of 32 (at least 32), so the aspect ratio is kept up to that rounding.
 *
 * @example
 * detInputSize(1280, 720, 960); // { width: 960, height: 544 }
 */
export function detInputSize(width: number, height: number, limitSideLen: number): { width: number; height: number } {
  const ratio = Math.max(width, height) > limitSideLen ? limitSideLen / Math.max(width, height) : 1;
  const to32 = (v: number): number => Math.max(roundHalfEven(Math.floor(v * ratio) / 32) * 32, 32);
  return { width: to32(width), height: to32(height) };
}

/**
 * PP-OCR detector input: channels B, G, R (PaddleOCR reads images with OpenCV and normalises them
 * as read, so ImageNet's mean and std apply in B, G, R order: B − 0.485, G − 0.456, R − 0.406, over
 * 0.229, 0.224, 0.225, on 0..1 values), bilinear resize to {@link detInputSize}, NCHW.
 *
 * @example
 * const input = toDetInput(frame, 960); // input.dims [1, 3, 544, 960]
 */
export function toDetInput(frame: Frame, limitSideLen: number): FloatTensor {
  const size = detInputSize(frame.width, frame.height, limitSideLen);
  const { data, dims } = toSpecTensor(frame, {
    width: size.width,
    height: size.height,
    layout: 'NCHW',
    colorOrder: 'BGR',
    mean: [0.485 * 255, 0.456 * 255, 0.406 * 255],
    std: [0.229 * 255, 0.224 * 255, 0.225 * 255],
    resize: 'stretch',
    padValue: 0,
  });
  return { data, dims };
}
