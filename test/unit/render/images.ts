import type { RgbImage } from '../../../src/render';

/** A width x height rgb24 image filled with one colour. */
export function solidImage(width: number, height: number, rgb: [number, number, number] = [0, 0, 0]): RgbImage {
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(rgb, i);
  return { width, height, pixels };
}

/** An image whose every pixel differs from its neighbours (a deterministic pattern, no randomness). */
export function patternImage(width: number, height: number): RgbImage {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 37 + y * 11) & 255;
      pixels[i + 1] = (x * 5 + y * 53) & 255;
      pixels[i + 2] = (x * y * 7 + 13) & 255;
    }
  }
  return { width, height, pixels };
}

/** The colour of pixel (x, y). */
export function pixelAt(img: RgbImage, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 3;
  return [img.pixels[i], img.pixels[i + 1], img.pixels[i + 2]];
}

/** Coordinates of the pixels that differ between two images of the same size. */
export function changedPixels(before: RgbImage, after: RgbImage): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let y = 0; y < before.height; y++) {
    for (let x = 0; x < before.width; x++) {
      const i = (y * before.width + x) * 3;
      if (before.pixels[i] !== after.pixels[i] || before.pixels[i + 1] !== after.pixels[i + 1] || before.pixels[i + 2] !== after.pixels[i + 2]) {
        out.push([x, y]);
      }
    }
  }
  return out;
}

/** A copy of an image. */
export function copyImage(img: RgbImage): RgbImage {
  return { width: img.width, height: img.height, pixels: img.pixels.slice() };
}
