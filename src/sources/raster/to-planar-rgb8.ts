import type { BandArray } from './raster-info';

/** Per-band linear stretch: value `lo` → 0, `hi` → 255. */
export interface BandStretch {
  lo: number;
  hi: number;
}

/** Options of {@link toPlanarRgb8}. */
export interface ToRgb8Options {
  /** One stretch per band; omitted for 8-bit data, which passes through. */
  stretch?: readonly BandStretch[];
  /** Pixels equal to this value in every band are empty. */
  noData?: number;
  /** Optional alpha band: 0 = empty. */
  alpha?: BandArray;
}

/** An 8-bit planar frame buffer (planes G, B, R, as ffmpeg's `gbrp`) and how much of it holds data. */
export interface PlanarRgb8 {
  pixels: Uint8Array;
  /** Pixels that hold data (not nodata, not transparent). */
  validPixels: number;
}

/**
 * Three bands (R, G, B order; a single band is used for all three) → one 8-bit `gbrp` buffer, the
 * layout the detectors take without reshuffling. Empty pixels become 0.
 *
 * @example
 * const { pixels, validPixels } = toPlanarRgb8([r, g, b], { stretch: [{ lo: 7, hi: 240 }, …] });
 */
export function toPlanarRgb8(bands: readonly BandArray[], options: ToRgb8Options = {}): PlanarRgb8 {
  const rgb = bands.length >= 3 ? [bands[0], bands[1], bands[2]] : [bands[0], bands[0], bands[0]];
  const n = rgb[0].length;
  const pixels = new Uint8Array(3 * n);
  const planeOf = [2, 0, 1]; // R → plane 2, G → plane 0, B → plane 1
  let validPixels = 0;
  const empty = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const transparent = options.alpha !== undefined && options.alpha[i] === 0;
    const isNoData = options.noData !== undefined && rgb[0][i] === options.noData && rgb[1][i] === options.noData && rgb[2][i] === options.noData;
    if (transparent || isNoData) empty[i] = 1;
    else validPixels++;
  }
  for (let c = 0; c < 3; c++) {
    const src = rgb[c];
    const out = pixels.subarray(planeOf[c] * n, (planeOf[c] + 1) * n);
    const s = options.stretch?.[c];
    if (!s) {
      for (let i = 0; i < n; i++) out[i] = empty[i] ? 0 : Math.min(255, Math.max(0, src[i]));
      continue;
    }
    const scale = s.hi > s.lo ? 255 / (s.hi - s.lo) : 0;
    for (let i = 0; i < n; i++) out[i] = empty[i] ? 0 : Math.min(255, Math.max(0, Math.round((src[i] - s.lo) * scale)));
  }
  return { pixels, validPixels };
}

/**
 * Percentile stretch of one band (e.g. 2nd and 98th), ignoring `noData` and NaN: the usual way to
 * show 16-bit or float imagery to models trained on 8-bit photos.
 */
export function percentileStretch(band: BandArray, lowPct = 2, highPct = 98, noData?: number): BandStretch {
  const values: number[] = [];
  for (let i = 0; i < band.length; i++) {
    const v = band[i];
    if (!Number.isNaN(v) && v !== noData) values.push(v);
  }
  if (values.length === 0) return { lo: 0, hi: 255 };
  values.sort((a, b) => a - b);
  const at = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.round((p / 100) * (values.length - 1))))];
  return { lo: at(lowPct), hi: at(highPct) };
}
