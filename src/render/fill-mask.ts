import { GroundstreamError } from '../core/errors';
import { checkRgbImage, type Rgb, type RgbImage } from './rgb-image';

/**
 * A decoded binary mask, row-major, one byte a pixel (non-zero = inside), with its own size. A
 * mask made for another size than the image (a segmenter's output grid) is sampled
 * nearest-neighbour onto the image.
 */
export interface MaskBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Tints the pixels inside `mask` towards `rgb` in place: `out = (1 - alpha) * pixel + alpha * rgb`.
 * `mask` is either a row-major Uint8Array of exactly width x height bytes of the image (non-zero =
 * inside; 0/1 and 0/255 both work), or a `MaskBitmap` of any size. COCO RLE masks are column-major
 * and compressed: decode and transpose them first (see `annotateFrame`'s `decodeMask`).
 *
 * @example
 * const img = { width: 4, height: 2, pixels: new Uint8Array(4 * 2 * 3) };
 * fillMask(img, new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0]), [0, 255, 0], 0.5); // two pixels → (0,128,0)
 */
export function fillMask(img: RgbImage, mask: Uint8Array | MaskBitmap, rgb: Rgb, alpha = 0.5): void {
  checkRgbImage(img, 'fillMask');
  const m: MaskBitmap = mask instanceof Uint8Array ? { width: img.width, height: img.height, data: mask } : mask;
  if (m.data.length !== m.width * m.height) {
    throw new GroundstreamError(
      'invalid_argument',
      'fillMask',
      `fillMask: mask of ${m.data.length} bytes does not match its size ${m.width}x${m.height}` +
        (mask instanceof Uint8Array ? ' (a bare Uint8Array must hold one byte per image pixel)' : ''),
    );
  }
  const a = Math.min(1, Math.max(0, alpha));
  if (a === 0 || m.width === 0 || m.height === 0) return;
  const { width, height, pixels } = img;
  const same = m.width === width && m.height === height;
  // Blend in integers over a 0..256 weight: exact for alpha 0 and 1, and fast.
  const w = Math.round(a * 256);
  const tint = [rgb[0] * w, rgb[1] * w, rgb[2] * w];
  const keep = 256 - w;
  for (let y = 0; y < height; y++) {
    const my = same ? y : Math.min(m.height - 1, Math.floor(((y + 0.5) * m.height) / height));
    const rowBase = my * m.width;
    for (let x = 0; x < width; x++) {
      const mx = same ? x : Math.min(m.width - 1, Math.floor(((x + 0.5) * m.width) / width));
      if (m.data[rowBase + mx] === 0) continue;
      const i = (y * width + x) * 3;
      pixels[i] = (pixels[i] * keep + tint[0] + 128) >> 8;
      pixels[i + 1] = (pixels[i + 1] * keep + tint[1] + 128) >> 8;
      pixels[i + 2] = (pixels[i + 2] * keep + tint[2] + 128) >> 8;
    }
  }
}
