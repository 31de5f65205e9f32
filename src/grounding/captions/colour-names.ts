import type { PixelLayout } from '../../core/frame';
import { deltaE2000, srgbToLab, type Lab } from './cie-lab';

/** The basic colour names a caption may use. */
export type ColourName =
  | 'black'
  | 'white'
  | 'gray'
  | 'red'
  | 'orange'
  | 'yellow'
  | 'green'
  | 'teal'
  | 'blue'
  | 'navy'
  | 'purple'
  | 'pink'
  | 'brown'
  | 'beige';

/**
 * The palette: each name with the sRGB shades that stand for it. A name has several shades (pure,
 * dark, light) because a single prototype per name leaves dark reds closer to brown and light blues
 * closer to gray than to their own name. The order breaks ties (in {@link nearestColourName} and
 * {@link dominantColourName}).
 */
export const COLOUR_PALETTE: readonly { readonly name: ColourName; readonly shades: readonly (readonly [number, number, number])[] }[] = [
  { name: 'black', shades: [[0, 0, 0], [20, 20, 20]] },
  { name: 'white', shades: [[255, 255, 255], [235, 235, 235]] },
  { name: 'gray', shades: [[128, 128, 128], [80, 80, 80], [180, 180, 180]] },
  { name: 'red', shades: [[255, 0, 0], [200, 20, 20], [139, 0, 0]] },
  { name: 'orange', shades: [[255, 140, 0], [255, 165, 0], [230, 110, 20], [255, 180, 100]] },
  { name: 'yellow', shades: [[255, 255, 0], [255, 215, 0], [255, 255, 150]] },
  { name: 'green', shades: [[0, 128, 0], [0, 255, 0], [0, 90, 0], [144, 238, 144], [85, 107, 47], [50, 205, 50]] },
  { name: 'teal', shades: [[0, 128, 128], [0, 255, 255], [64, 224, 208]] },
  { name: 'blue', shades: [[0, 0, 255], [30, 144, 255], [65, 105, 225], [135, 206, 235], [70, 130, 180]] },
  { name: 'navy', shades: [[0, 0, 128], [25, 25, 112]] },
  { name: 'purple', shades: [[128, 0, 128], [148, 0, 211], [186, 85, 211], [75, 0, 130], [200, 162, 200]] },
  { name: 'pink', shades: [[255, 192, 203], [255, 105, 180], [255, 0, 255], [219, 112, 147]] },
  { name: 'brown', shades: [[139, 69, 19], [101, 67, 33], [160, 82, 45], [92, 51, 23]] },
  { name: 'beige', shades: [[245, 245, 220], [210, 180, 140], [222, 184, 135]] },
];

const SHADES: readonly { index: number; lab: Lab }[] = COLOUR_PALETTE.flatMap((entry, index) =>
  entry.shades.map(([r, g, b]) => ({ index, lab: srgbToLab(r, g, b) })),
);

/** Palette index (into {@link COLOUR_PALETTE}) of the shade nearest to an sRGB colour. */
function nearestIndex(r: number, g: number, b: number): number {
  const lab = srgbToLab(r, g, b);
  let best = 0;
  let bestDistance = Infinity;
  for (const shade of SHADES) {
    const d = deltaE2000(lab, shade.lab);
    // Strictly less: on an exact tie the earlier palette entry wins, as documented on the palette.
    if (d < bestDistance) {
      bestDistance = d;
      best = shade.index;
    }
  }
  return best;
}

/**
 * The basic colour name nearest to an 8-bit sRGB colour: the name of the palette shade
 * ({@link COLOUR_PALETTE}) at the smallest CIEDE2000 difference (ΔE₀₀) in CIE Lab (D65).
 *
 * @example
 * nearestColourName(200, 30, 40) // 'red'
 * nearestColourName(20, 30, 90)  // 'navy'
 */
export function nearestColourName(r: number, g: number, b: number): ColourName {
  return COLOUR_PALETTE[nearestIndex(r, g, b)]!.name;
}

/** The pixel buffer {@link dominantColourName} reads: a `Frame` fits. */
export interface PixelImage {
  width: number;
  height: number;
  layout: PixelLayout;
  pixels: Uint8Array;
}

/**
 * Where to look: a box `[x0, y0, x1, y1]` in the image's pixels (pixel-corner convention; every
 * pixel the box touches counts, the box is clipped to the image), or a row-major mask of
 * `width × height` bytes where non-zero marks the region. Both are in the buffer's pixels: for a
 * frame buffer scaled from its source, map a source box through the frame's `toSource` first.
 */
export type ColourArea = readonly number[] | Uint8Array;

/** Options of {@link dominantColourName}. */
export interface DominantColourOptions {
  /** Most pixels named (the rest are skipped on a regular grid). Default 2000. */
  maxSamples?: number;
}

/**
 * The most common basic colour name among a region's pixels. Each sampled pixel is named with
 * {@link nearestColourName} and the names are counted; the most frequent wins, ties in palette
 * order. Black, white and gray are names like any other and are counted: a white van is white,
 * and what a caption should not say is "a red van" because its tail lights are the only saturated
 * pixels.
 *
 * Sampling keeps it cheap and deterministic: pixels on a regular grid whose step (the same in x
 * and y) is the smallest one giving at most `maxSamples` pixels in the area.
 *
 * Returns `undefined` when the area holds no pixel (an empty or off-image box, an empty mask).
 *
 * @example
 * dominantColourName(frame, [100, 40, 260, 120]) // 'red'
 * dominantColourName(frame, maskBytes)           // 'white'
 */
export function dominantColourName(image: PixelImage, area: ColourArea, options: DominantColourOptions = {}): ColourName | undefined {
  const { width, height, layout, pixels } = image;
  const maxSamples = options.maxSamples ?? 2000;
  if (!(Number.isInteger(maxSamples) && maxSamples >= 1)) throw new RangeError(`maxSamples must be a positive integer, got ${maxSamples}`);
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 0 && height >= 0)) {
    throw new RangeError(`image size must be whole pixels, got ${width} × ${height}`);
  }
  if (pixels.length < width * height * 3) throw new RangeError(`${layout} image of ${width} × ${height} needs ${width * height * 3} bytes, got ${pixels.length}`);

  const counts = new Array<number>(COLOUR_PALETTE.length).fill(0);
  // Many pixels of a region share a colour: name each distinct colour once.
  const named = new Map<number, number>();
  const plane = width * height;
  const visit = (x: number, y: number): void => {
    const i = y * width + x;
    let r: number, g: number, b: number;
    if (layout === 'rgb24') [r, g, b] = [pixels[3 * i]!, pixels[3 * i + 1]!, pixels[3 * i + 2]!];
    else if (layout === 'bgr24') [b, g, r] = [pixels[3 * i]!, pixels[3 * i + 1]!, pixels[3 * i + 2]!];
    else [g, b, r] = [pixels[i]!, pixels[plane + i]!, pixels[2 * plane + i]!];
    const key = (r << 16) | (g << 8) | b;
    let index = named.get(key);
    if (index === undefined) {
      index = nearestIndex(r, g, b);
      named.set(key, index);
    }
    counts[index]! += 1;
  };

  if (area instanceof Uint8Array) {
    if (area.length !== plane) throw new RangeError(`mask must hold width × height = ${plane} bytes, got ${area.length}`);
    sampleMask(area, width, height, maxSamples, visit);
  } else {
    if (area.length !== 4) throw new RangeError(`box must be [x0, y0, x1, y1], got ${area.length} numbers`);
    const x0 = Math.max(0, Math.floor(area[0]!));
    const y0 = Math.max(0, Math.floor(area[1]!));
    const x1 = Math.min(width, Math.ceil(area[2]!));
    const y1 = Math.min(height, Math.ceil(area[3]!));
    // NaN coordinates fail these comparisons too, and leave the area empty.
    if (!(x1 > x0 && y1 > y0)) return undefined;
    sampleBox(x0, y0, x1, y1, maxSamples, visit);
  }

  let best = -1;
  for (let k = 0; k < counts.length; k++) if (counts[k]! > 0 && (best < 0 || counts[k]! > counts[best]!)) best = k;
  return best < 0 ? undefined : COLOUR_PALETTE[best]!.name;
}

/** Grid positions along a span of `n` pixels at step `s`, centred so thin spans keep their middle. */
function gridStart(n: number, s: number): number {
  return Math.floor(((n - 1) % s) / 2);
}

function sampleBox(x0: number, y0: number, x1: number, y1: number, maxSamples: number, visit: (x: number, y: number) => void): void {
  const w = x1 - x0;
  const h = y1 - y0;
  const along = (n: number, s: number): number => Math.floor((n - 1) / s) + 1;
  let step = Math.max(1, Math.floor(Math.sqrt((w * h) / maxSamples)));
  // One step for both axes keeps the grid square; a thin box needs a larger step than √(area/max).
  while (along(w, step) * along(h, step) > maxSamples) step += 1;
  for (let y = y0 + gridStart(h, step); y < y1; y += step) {
    for (let x = x0 + gridStart(w, step); x < x1; x += step) visit(x, y);
  }
}

function sampleMask(mask: Uint8Array, width: number, height: number, maxSamples: number, visit: (x: number, y: number) => void): void {
  let set = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) set += 1;
  if (set === 0) return;
  const onGrid = (step: number): number => {
    let n = 0;
    for (let y = 0; y < height; y += step) for (let x = 0; x < width; x += step) if (mask[y * width + x] !== 0) n += 1;
    return n;
  };
  let step = Math.max(1, Math.floor(Math.sqrt(set / maxSamples)));
  let n = onGrid(step);
  while (n > maxSamples) n = onGrid(++step);
  if (n > 0) {
    for (let y = 0; y < height; y += step) for (let x = 0; x < width; x += step) if (mask[y * width + x] !== 0) visit(x, y);
    return;
  }
  // A mask that slips between the grid points (thin lines, a sparse pattern): every k-th set pixel in
  // reading order instead, so it still gets a name.
  const every = Math.ceil(set / maxSamples);
  let seen = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] !== 0 && seen++ % every === 0) visit(i % width, Math.floor(i / width));
  }
}
