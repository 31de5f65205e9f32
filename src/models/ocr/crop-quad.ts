import type { Frame } from '../../core/frame';
import type { LineImage } from './line-image';
import type { Quad } from './point';
import { applyHomography, squareToQuad } from './quad-homography';

/** Where a frame keeps each pixel's B, G, R values: packed (stride 3) or planar (G, B, R planes). */
function bgrOffsets(layout: Frame['layout'], plane: number): { b: number; g: number; r: number; stride: number } {
  switch (layout) {
    case 'rgb24': return { r: 0, g: 1, b: 2, stride: 3 };
    case 'bgr24': return { b: 0, g: 1, r: 2, stride: 3 };
    case 'gbrp': return { g: 0, b: plane, r: 2 * plane, stride: 1 };
  }
}

/** Options of {@link cropQuad}. */
export interface CropQuadOptions {
  /** Turn a crop at least 1.5 times taller than wide by 90° counter-clockwise, as PaddleOCR does (default true). */
  turnTall?: boolean;
}

/**
 * Cuts a text box out of a frame buffer, straightened: the output is
 * ⌊max(top, bottom length)⌋ × ⌊max(left, right length)⌋ pixels and its corners land on the quad's
 * corners (a projective map, so a clipped, no longer rectangular box is straightened too), sampled
 * bilinearly at pixel centres with edge pixels repeated outside the frame. A tall crop (vertical
 * text) is turned so it reads left to right: its top-right corner becomes the top-left.
 *
 * @example
 * const line = cropQuad(frame, [[10, 10], [110, 20], [108, 40], [8, 30]]); // about 100 × 20, B, G, R
 */
export function cropQuad(frame: Pick<Frame, 'width' | 'height' | 'layout' | 'pixels'>, quad: Quad, options: CropQuadOptions = {}): LineImage {
  const [tl, tr, br, bl] = quad;
  const len = (p: readonly number[], q: readonly number[]): number => Math.hypot(q[0] - p[0], q[1] - p[1]);
  let width = Math.max(1, Math.floor(Math.max(len(tl, tr), len(bl, br))));
  let height = Math.max(1, Math.floor(Math.max(len(tl, bl), len(tr, br))));
  let corners: Quad = quad;
  if ((options.turnTall ?? true) && height / width >= 1.5) {
    corners = [tr, br, bl, tl];
    [width, height] = [height, width];
  }
  const H = squareToQuad(corners);
  const W = frame.width;
  const Hf = frame.height;
  const px = frame.pixels;
  const o = bgrOffsets(frame.layout, W * Hf);
  const channels = [o.b, o.g, o.r];
  const data = new Float32Array(width * height * 3);
  for (let v = 0; v < height; v++) {
    const t = (v + 0.5) / height;
    for (let u = 0; u < width; u++) {
      const [x, y] = applyHomography(H, (u + 0.5) / width, t);
      // Corner coordinates → index coordinates of the pixel centres around the point.
      const fx = Math.min(Math.max(x - 0.5, 0), W - 1);
      const fy = Math.min(Math.max(y - 0.5, 0), Hf - 1);
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const x1 = Math.min(x0 + 1, W - 1);
      const y1 = Math.min(y0 + 1, Hf - 1);
      const wx = fx - x0;
      const wy = fy - y0;
      const i00 = (y0 * W + x0) * o.stride;
      const i01 = (y0 * W + x1) * o.stride;
      const i10 = (y1 * W + x0) * o.stride;
      const i11 = (y1 * W + x1) * o.stride;
      const out = (v * width + u) * 3;
      for (let k = 0; k < 3; k++) {
        const c = channels[k];
        const top = px[i00 + c] * (1 - wx) + px[i01 + c] * wx;
        const bottom = px[i10 + c] * (1 - wx) + px[i11 + c] * wx;
        data[out + k] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return { width, height, data };
}
