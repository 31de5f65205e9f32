import type { FloatTensor } from '../runtime/tensor';
import type { LineImage } from './line-image';

/** Size of a batch of line images for the recogniser or the direction classifier. */
export interface LineBatchSize {
  height: number;
  width: number;
}

/**
 * The width PaddleOCR gives a recognition batch: wide enough for its widest line at the model's
 * height (⌊height × widest aspect ratio⌋), never narrower than `minWidth` (320 for PP-OCRv4) and, to
 * bound memory on a freak box, never wider than `maxWidth`.
 *
 * @example
 * recBatchWidth([{ width: 600, height: 30, data }], 48, 320, 4096); // 960
 */
export function recBatchWidth(lines: readonly Pick<LineImage, 'width' | 'height'>[], height: number, minWidth: number, maxWidth: number): number {
  let ratio = minWidth / height;
  for (const l of lines) ratio = Math.max(ratio, l.width / l.height);
  return Math.min(maxWidth, Math.max(minWidth, Math.floor(height * ratio)));
}

/**
 * Line images as one NCHW batch for PP-OCR's recogniser or direction classifier: each resized
 * bilinearly to `height`, keeping its aspect ratio (width ⌈height × w / h⌉, at most `width`),
 * placed at the left, normalised to (v / 255 − 0.5) / 0.5 in B, G, R order; the rest of the row is 0.
 *
 * @example
 * const batch = toLineBatch(lines, { height: 48, width: 320 }); // dims [lines.length, 3, 48, 320]
 */
export function toLineBatch(lines: readonly LineImage[], size: LineBatchSize): FloatTensor {
  const { height: H, width: W } = size;
  const plane = H * W;
  const data = new Float32Array(lines.length * 3 * plane);
  lines.forEach((line, n) => {
    const w = line.width;
    const h = line.height;
    const nw = Math.max(1, Math.min(W, Math.ceil(H * (w / h))));
    const sx = w / nw;
    const sy = h / H;
    const base = n * 3 * plane;
    for (let y = 0; y < H; y++) {
      // Half-pixel centres, as OpenCV's INTER_LINEAR resize samples them.
      const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
      const y0 = Math.floor(fy);
      const y1 = Math.min(y0 + 1, h - 1);
      const wy = fy - y0;
      for (let x = 0; x < nw; x++) {
        const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
        const x0 = Math.floor(fx);
        const x1 = Math.min(x0 + 1, w - 1);
        const wx = fx - x0;
        for (let k = 0; k < 3; k++) {
          const top = line.data[(y0 * w + x0) * 3 + k] * (1 - wx) + line.data[(y0 * w + x1) * 3 + k] * wx;
          const bottom = line.data[(y1 * w + x0) * 3 + k] * (1 - wx) + line.data[(y1 * w + x1) * 3 + k] * wx;
          data[base + k * plane + y * W + x] = (top * (1 - wy) + bottom * wy) / 127.5 - 1;
        }
      }
    }
  });
  return { data, dims: [lines.length, 3, H, W] };
}
