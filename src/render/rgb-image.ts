import { GroundstreamError } from '../core/errors';

/**
 * An image to draw on: packed rgb24 (3 bytes a pixel, row-major, no row padding). A `Frame` with
 * layout `rgb24` is one. Drawing changes `pixels` in place.
 */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
  /** When present (a Frame), it must be `rgb24`: drawing on other layouts would scramble them. */
  layout?: string;
}

/** A colour as red, green, blue bytes. */
export type Rgb = readonly [number, number, number];

/** An integer pixel rectangle, x0/y0 inclusive and x1/y1 exclusive. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Throws `invalid_argument` unless `img` is an rgb24 buffer of its stated size. Each drawing
 * function checks once, so that the per-pixel loops may index without bounds checks.
 *
 * @example
 * checkRgbImage({ width: 2, height: 2, pixels: new Uint8Array(12) }, 'drawBox'); // passes
 */
export function checkRgbImage(img: RgbImage, what: string): void {
  const { width, height, pixels } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new GroundstreamError('invalid_argument', what, `${what}: image size ${width}x${height} is not a pair of whole numbers`);
  }
  if (img.layout !== undefined && img.layout !== 'rgb24') {
    throw new GroundstreamError('invalid_argument', what, `${what}: draws on rgb24 pixels, got layout ${img.layout}`);
  }
  if (pixels.length < width * height * 3) {
    throw new GroundstreamError('invalid_argument', what, `${what}: ${pixels.length} bytes cannot hold a ${width}x${height} rgb24 image`);
  }
}

/**
 * The pixels an xyxy box touches (pixel-corner convention: pixel (x, y) covers [x, x+1) x [y, y+1)),
 * clipped to the image. Partly covered pixels count as touched, so that a redaction never leaves a
 * sliver of its region untouched. Empty (x1 <= x0 or y1 <= y0) when the box misses the image.
 *
 * @example
 * touchedPixels({ width: 8, height: 8, pixels }, [1.5, -2, 3.2, 4]); // { x0: 1, y0: 0, x1: 4, y1: 4 }
 */
export function touchedPixels(img: RgbImage, xyxy: ArrayLike<number>): PixelRect {
  const x0 = Math.max(0, Math.floor(xyxy[0]));
  const y0 = Math.max(0, Math.floor(xyxy[1]));
  const x1 = Math.min(img.width, Math.ceil(xyxy[2]));
  const y1 = Math.min(img.height, Math.ceil(xyxy[3]));
  // NaN comparisons are false, so a NaN box yields an empty rectangle.
  if (!(x1 > x0 && y1 > y0)) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { x0, y0, x1, y1 };
}

/**
 * Sets every pixel of an (already clipped) rectangle to `rgb`.
 *
 * @example
 * fillRect(img, clipRect(img, { x0: 0, y0: 0, x1: 4, y1: 2 }), [255, 255, 255]);
 */
export function fillRect(img: RgbImage, r: PixelRect, rgb: Rgb): void {
  const { pixels, width } = img;
  const [red, green, blue] = rgb;
  for (let y = r.y0; y < r.y1; y++) {
    let i = (y * width + r.x0) * 3;
    for (let x = r.x0; x < r.x1; x++, i += 3) {
      pixels[i] = red;
      pixels[i + 1] = green;
      pixels[i + 2] = blue;
    }
  }
}

/**
 * Clips a rectangle to the image (an empty one when it misses it).
 *
 * @example
 * clipRect({ width: 8, height: 8, pixels }, { x0: -2, y0: 6, x1: 4, y1: 12 }); // { x0: 0, y0: 6, x1: 4, y1: 8 }
 */
export function clipRect(img: RgbImage, r: PixelRect): PixelRect {
  const x0 = Math.max(0, r.x0);
  const y0 = Math.max(0, r.y0);
  const x1 = Math.min(img.width, r.x1);
  const y1 = Math.min(img.height, r.y1);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
}
