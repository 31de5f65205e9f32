/** One band of a raster as a flat array of any numeric element type. */
export type BandArray = ArrayLike<number>;

/** Which pixels take part in an index. */
export interface IndexOptions {
  /** A band value that means "no data"; a pixel with it in any input band gives NaN. */
  nodata?: number;
  /** Validity per pixel: 0 means invalid (NaN out), anything else valid. */
  valid?: ArrayLike<number>;
}

function checkLengths(bands: readonly BandArray[], valid: ArrayLike<number> | undefined): number {
  const n = bands[0].length;
  for (const b of bands) if (b.length !== n) throw new RangeError(`bands differ in length: ${bands.map((x) => x.length).join(' vs ')}`);
  if (valid && valid.length !== n) throw new RangeError(`validity mask has ${valid.length} pixels, bands have ${n}`);
  return n;
}

/**
 * `(pos − neg) / (pos + neg)` per pixel, as Float32 in [-1, 1] for non-negative inputs; NaN where the
 * sum is 0, an input is NaN or nodata, or the pixel is masked out.
 *
 * @example
 * normalizedDifference(Uint16Array.from([300]), Uint16Array.from([100])) // → Float32Array [0.5]
 */
export function normalizedDifference(pos: BandArray, neg: BandArray, options: IndexOptions = {}): Float32Array {
  return ratioIndex([pos], [neg], options);
}

/** `(Σpos − Σneg) / (Σpos + Σneg)`, the shape shared by NDVI, NDWI, MNDWI and BSI. */
function ratioIndex(pos: readonly BandArray[], neg: readonly BandArray[], options: IndexOptions): Float32Array {
  const { nodata, valid } = options;
  const n = checkLengths([...pos, ...neg], valid);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (valid && !valid[i]) {
      out[i] = NaN;
      continue;
    }
    let p = 0, q = 0, bad = false;
    for (const b of pos) {
      const v = b[i];
      if (v === nodata || Number.isNaN(v)) bad = true;
      p += v;
    }
    for (const b of neg) {
      const v = b[i];
      if (v === nodata || Number.isNaN(v)) bad = true;
      q += v;
    }
    const den = p + q;
    out[i] = bad || den === 0 ? NaN : (p - q) / den;
  }
  return out;
}

/**
 * NDVI = (nir − red) / (nir + red): vegetation is high (≳ 0.3), water negative.
 *
 * @example
 * ndvi(Uint16Array.from([100]), Uint16Array.from([300])) // → [0.5]
 */
export function ndvi(red: BandArray, nir: BandArray, options: IndexOptions = {}): Float32Array {
  return ratioIndex([nir], [red], options);
}

/**
 * NDWI (McFeeters 1996) = (green − nir) / (green + nir): open water is positive.
 *
 * @example
 * ndwi(Uint16Array.from([300]), Uint16Array.from([100])) // → [0.5]
 */
export function ndwi(green: BandArray, nir: BandArray, options: IndexOptions = {}): Float32Array {
  return ratioIndex([green], [nir], options);
}

/**
 * MNDWI (Xu 2006) = (green − swir1) / (green + swir1): separates water from built-up land better than
 * NDWI.
 *
 * @example
 * mndwi(Float32Array.from([0.1]), Float32Array.from([0.02])) // → [0.666…]
 */
export function mndwi(green: BandArray, swir1: BandArray, options: IndexOptions = {}): Float32Array {
  return ratioIndex([green], [swir1], options);
}

/**
 * Bare soil index = ((swir1 + red) − (nir + blue)) / ((swir1 + red) + (nir + blue)): bare soil is
 * positive, vegetation and water negative.
 *
 * @example
 * bsi(blue, red, nir, swir1)
 */
export function bsi(blue: BandArray, red: BandArray, nir: BandArray, swir1: BandArray, options: IndexOptions = {}): Float32Array {
  return ratioIndex([swir1, red], [nir, blue], options);
}
