import type { Rgb } from './rgb-image';

/**
 * Twenty saturated colours that stay apart from each other on video; neighbours in the list differ
 * in hue, so consecutive track ids get visibly different colours.
 */
export const PALETTE: readonly Rgb[] = [
  [255, 56, 56], [0, 194, 255], [72, 249, 10], [255, 178, 29], [132, 56, 255],
  [0, 212, 187], [255, 55, 199], [207, 210, 49], [52, 69, 147], [255, 112, 31],
  [61, 219, 134], [203, 56, 255], [26, 147, 52], [255, 149, 200], [100, 115, 255],
  [146, 204, 23], [44, 153, 168], [255, 157, 151], [0, 24, 236], [82, 0, 133],
];

/** FNV-1a over the UTF-16 code units: a stable hash, the same on every run and platform. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The palette colour of a track id (ids 1, 2, 3, ... take consecutive colours) or, for a label,
 * of its hash: the same key gets the same colour in every frame and every run.
 *
 * @example
 * colourFor(4);        // PALETTE[4]
 * colourFor('person'); // always the same entry
 */
export function colourFor(key: number | string): Rgb {
  const index = typeof key === 'number' ? Math.abs(Math.trunc(key)) % PALETTE.length : hashString(key) % PALETTE.length;
  return PALETTE[index];
}

/**
 * Black or white, whichever reads better on `background` (by its Rec. 601 luma).
 *
 * @example
 * textColourOn([255, 255, 0]); // [0, 0, 0]
 */
export function textColourOn(background: Rgb): Rgb {
  const luma = 0.299 * background[0] + 0.587 * background[1] + 0.114 * background[2];
  return luma > 140 ? [0, 0, 0] : [255, 255, 255];
}
