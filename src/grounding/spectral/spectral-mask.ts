import type { BandRole } from './band-roles';
import { bsi, mndwi, ndvi, ndwi, type BandArray, type IndexOptions } from './spectral-indices';

/** Land covers {@link spectralMask} can find. */
export type SpectralKind = 'water' | 'vegetation' | 'bare soil';

/** Band arrays by role; only those present are used. */
export type BandsByRole = Partial<Record<BandRole, BandArray>>;

/** Default thresholds, `index > threshold` is the class. */
export const SPECTRAL_THRESHOLDS = {
  /** MNDWI > 0.2: above the 0 of Xu (2006) to keep shadows and wet built-up surfaces out. */
  mndwi: 0.2,
  /** NDWI (McFeeters) > 0. */
  ndwi: 0,
  /** NDVI > 0.3: moderate to dense vegetation; sparse grass and crops at emergence fall below. */
  ndvi: 0.3,
  /** BSI > 0.1: a rough cut for bare soil; tune per scene. */
  bsi: 0.1,
} as const;

export type SpectralIndexName = keyof typeof SPECTRAL_THRESHOLDS;

/** A mask, with the index and threshold that made it so results can say how they were found. */
export interface SpectralMaskFound {
  ok: true;
  kind: SpectralKind;
  /** 1 where `index > threshold`; 0 elsewhere, nodata included. */
  mask: Uint8Array;
  /** The index per pixel (NaN where undefined). */
  values: Float32Array;
  index: SpectralIndexName;
  threshold: number;
  /** One line for users, e.g. 'water: MNDWI (green, swir1) > 0.2'. */
  method: string;
  /** Caveats, e.g. that NDWI on raw digital numbers is unreliable. */
  notes: string[];
}

/** Why no mask could be made. */
export interface SpectralMaskUnavailable {
  ok: false;
  kind: SpectralKind;
  /** Roles that would make the mask possible. */
  missing: BandRole[];
  reason: string;
}

export type SpectralMaskResult = SpectralMaskFound | SpectralMaskUnavailable;

/** Options of {@link spectralMask}. */
export interface SpectralMaskOptions extends IndexOptions {
  /** Overrides the default threshold of the index chosen. */
  threshold?: number;
}

interface Recipe {
  index: SpectralIndexName;
  needs: BandRole[];
  run: (b: Required<BandsByRole>, o: IndexOptions) => Float32Array;
  notes: string[];
}

const RECIPES: Record<SpectralKind, Recipe[]> = {
  water: [
    { index: 'mndwi', needs: ['green', 'swir1'], run: (b, o) => mndwi(b.green, b.swir1, o), notes: [] },
    {
      index: 'ndwi',
      needs: ['green', 'nir'],
      run: (b, o) => ndwi(b.green, b.nir, o),
      notes: [
        'NDWI (green, nir) was used because no swir1 band is available; it confuses water with built-up surfaces and shadows, and on raw digital numbers (not reflectance) its 0 threshold is unreliable',
      ],
    },
  ],
  vegetation: [{ index: 'ndvi', needs: ['red', 'nir'], run: (b, o) => ndvi(b.red, b.nir, o), notes: [] }],
  'bare soil': [{ index: 'bsi', needs: ['blue', 'red', 'nir', 'swir1'], run: (b, o) => bsi(b.blue, b.red, b.nir, b.swir1, o), notes: [] }],
};

/**
 * A land-cover mask from a spectral index, choosing the best index the bands allow: water by MNDWI
 * (green, swir1) > 0.2, else NDWI (green, nir) > 0 with a caveat; vegetation by NDVI > 0.3; bare soil
 * by BSI > 0.1. Without the bands (e.g. an RGB-only image) it returns `ok: false` and a reason that
 * names the missing NIR/SWIR bands instead of a wrong mask.
 *
 * @example
 * const r = spectralMask('water', { green, nir, swir1 });
 * if (r.ok) console.log(r.method); // 'water: MNDWI (green, swir1) > 0.2'
 */
export function spectralMask(kind: SpectralKind, bands: BandsByRole, options: SpectralMaskOptions = {}): SpectralMaskResult {
  const recipes = RECIPES[kind];
  if (!recipes) throw new RangeError(`unknown spectral kind '${String(kind)}'; use ${Object.keys(RECIPES).join(', ')}`);
  const recipe = recipes.find((r) => r.needs.every((role) => bands[role] !== undefined));
  if (!recipe) {
    const have = (Object.keys(bands) as BandRole[]).filter((r) => bands[r] !== undefined);
    const missing = [...new Set(recipes.flatMap((r) => r.needs.filter((role) => bands[role] === undefined)))];
    const choices = recipes.map((r) => `${r.index.toUpperCase()} (${r.needs.join(', ')})`).join(' or ');
    const needsIr = missing.some((r) => r === 'nir' || r === 'swir1');
    return {
      ok: false,
      kind,
      missing,
      reason:
        `${kind} needs ${choices}; this input has ${have.length ? have.join(', ') : 'no bands with known roles'}` +
        (needsIr ? '. Near-infrared (NIR) or short-wave infrared (SWIR) bands are needed: an RGB image cannot separate it spectrally' : ''),
    };
  }
  const values = recipe.run(bands as Required<BandsByRole>, options);
  const threshold = options.threshold ?? SPECTRAL_THRESHOLDS[recipe.index];
  const mask = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) mask[i] = values[i] > threshold ? 1 : 0; // NaN compares false
  return {
    ok: true,
    kind,
    mask,
    values,
    index: recipe.index,
    threshold,
    method: `${kind}: ${recipe.index.toUpperCase()} (${recipe.needs.join(', ')}) > ${threshold}`,
    notes: recipe.notes.slice(),
  };
}
