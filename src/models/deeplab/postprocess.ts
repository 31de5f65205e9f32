import { GroundstreamError } from '../../core/errors';
import type { BufferToSource } from '../../core/frame';
import type { FloatTensor } from '../runtime/tensor';
import type { SemanticMask } from '../segmenter';

/** Options of {@link decodeClassLogits}. */
export interface ClassLogitsOptions {
  labels: readonly string[];
  /** Tensor pixel → source pixel, as the preprocess returned it. */
  toSource: BufferToSource;
  sourceWidth: number;
  sourceHeight: number;
}

/**
 * Class index per pixel of NHWC class scores `[1, H, W, C]` (logits or probabilities alike): the
 * first highest score, as numpy's argmax. Row-major, at the tensor's size.
 *
 * @example
 * argmaxClasses({ data, dims: [1, 257, 257, 21] }).classes; // Uint8Array of 257·257
 */
export function argmaxClasses(output: FloatTensor): { classes: Uint8Array; width: number; height: number } {
  const { data, dims } = output;
  if (dims.length !== 4 || dims[0] !== 1) throw new GroundstreamError('model_input_mismatch', 'output', `segmentation output must be [1, H, W, C], got [${dims.join(', ')}]`);
  const [, height, width, c] = dims;
  if (c < 1 || c > 256) throw new GroundstreamError('model_input_mismatch', 'output', `segmentation output has ${c} classes; 1 to 256 fit a class map`);
  const classes = new Uint8Array(width * height);
  for (let i = 0, o = 0; i < classes.length; i++, o += c) {
    let best = 0;
    let bestScore = data[o];
    for (let k = 1; k < c; k++) {
      if (data[o + k] > bestScore) {
        bestScore = data[o + k];
        best = k;
      }
    }
    classes[i] = best;
  }
  return { classes, width, height };
}

/**
 * For each of `size` source pixels along one axis, the tensor pixel under its centre: nearest
 * neighbour with half-pixel centres (OpenCV INTER_NEAREST_EXACT), so a stretch by any factor stays
 * centred instead of drifting up-left as plain floor(x · scale) does.
 */
function nearestIndex(size: number, scale: number, offset: number, tensorSize: number): Int32Array {
  const idx = new Int32Array(size);
  for (let x = 0; x < size; x++) idx[x] = Math.min(tensorSize - 1, Math.max(0, Math.floor((x + 0.5) * scale + offset)));
  return idx;
}

/**
 * Decodes a segmenter's NHWC class scores into a {@link SemanticMask} over the source frame: argmax
 * per tensor pixel, then nearest neighbour back to `sourceWidth × sourceHeight` through `toSource`
 * (argmax first, so labels never blend at class borders).
 *
 * @example
 * const mask = decodeClassLogits(out['ResizeBilinear_3'], { labels, toSource, sourceWidth: 500, sourceHeight: 335 });
 * mask.classes[y * 500 + x]; // 15 where DeepLab sees a person
 */
export function decodeClassLogits(output: FloatTensor, options: ClassLogitsOptions): SemanticMask {
  const { labels, toSource, sourceWidth, sourceHeight } = options;
  const small = argmaxClasses(output);
  if (output.dims[3] !== labels.length) {
    throw new GroundstreamError('model_input_mismatch', 'output', `segmentation output has ${output.dims[3]} classes, the labels name ${labels.length}`);
  }
  // xSource = (xTensor − offsetX) / scaleX, so a source centre lies at xTensor = xSource · scaleX + offsetX.
  const xs = nearestIndex(sourceWidth, toSource.scaleX, toSource.offsetX, small.width);
  const ys = nearestIndex(sourceHeight, toSource.scaleY, toSource.offsetY, small.height);
  const classes = new Uint8Array(sourceWidth * sourceHeight);
  for (let y = 0; y < sourceHeight; y++) {
    const row = ys[y] * small.width;
    const out = y * sourceWidth;
    // Neighbouring source rows often share a tensor row: copy the row already written.
    if (y > 0 && ys[y] === ys[y - 1]) {
      classes.copyWithin(out, out - sourceWidth, out);
      continue;
    }
    for (let x = 0; x < sourceWidth; x++) classes[out + x] = small.classes[row + xs[x]];
  }
  return { width: sourceWidth, height: sourceHeight, classes, labels };
}
