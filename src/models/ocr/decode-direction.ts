import type { FloatTensor } from '../runtime/tensor';

/**
 * Which lines the direction classifier (`[batch, 2]` probabilities of 0° and 180°) finds upside
 * down: class 180° most likely and above `threshold` (PaddleOCR's 0.9), so a doubtful line is
 * read as it is.
 *
 * @example
 * decodeDirection({ data: Float32Array.of(0.02, 0.98, 0.6, 0.4), dims: [2, 2] }); // [true, false]
 */
export function decodeDirection(probs: FloatTensor, threshold = 0.9): boolean[] {
  const [batch, classes] = probs.dims;
  const out: boolean[] = [];
  for (let n = 0; n < batch; n++) {
    const p0 = probs.data[n * classes];
    const p180 = probs.data[n * classes + 1];
    out.push(p180 > p0 && p180 > threshold);
  }
  return out;
}
