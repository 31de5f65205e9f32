import { GroundstreamError } from '../core/errors';
import type { Region } from '../core/events';
import { polygonFeature } from '../geo/geojson';
import type { SceneGeoreference } from '../geo/scene-georeference';
import type { PixelWindow } from '../geo/tile-grid';
import { meanInsideRings, SPECTRAL_KINDS, spectralMask, type BandRole, type BandRoles, type BandsByRole, type SpectralIndexName, type SpectralKind } from '../grounding/spectral';
import { vectorizeMask } from '../grounding/vectorize';
import { roundTo } from './to-frame-event';

/** One spectral kind asked for by a query phrase. */
export interface SpectralKindRequest {
  kind: SpectralKind;
  /** The query phrase that reached it, stamped on its regions. */
  phrase: string;
  /** Overrides the index's default threshold. */
  threshold?: number;
}

/** The bands of one window by role (window-sized, row-major), and which pixels hold data. */
export interface SpectralTile {
  bands: BandsByRole;
  /** 0 = no data (alpha 0, outside the footprint); absent when every pixel holds data. */
  valid?: Uint8Array;
}

/** Options of {@link createSpectralMasks}. */
export interface SpectralMasksOptions {
  kinds: readonly SpectralKindRequest[];
  /** Roles of the raster's bands (0-based positions). */
  roles: BandRoles;
  /** Size of the scene (or region) the masks cover. */
  widthPx: number;
  heightPx: number;
  /** A band value meaning "no data". */
  nodata?: number;
  /** Douglas–Peucker tolerance of the polygons, pixels (default 1). */
  simplifyTolerancePx?: number;
  /** Polygons with fewer pixels are dropped (default 16). */
  minAreaPx?: number;
  connectivity?: 4 | 8;
  /** Largest widthPx × heightPx accepted (default 64 Mpx): the masks take 5 bytes per pixel per kind. */
  maxPixels?: number;
}

/** A kind that can be computed on this raster. */
interface ActiveKind extends SpectralKindRequest {
  index: SpectralIndexName;
  threshold: number;
  method: string;
  notes: string[];
  mask: Uint8Array;
  values: Float32Array;
  pixels: number;
}

/** Masks of the spectral kinds over a scene, filled tile by tile, vectorised once at the end. */
export interface SpectralMasks {
  /** Kinds the bands allow, e.g. 'water: MNDWI (green, swir1) > 0.2'. */
  readonly methods: string[];
  /** Why a kind asked for cannot be computed (missing NIR/SWIR bands …), one line each. */
  readonly unavailable: string[];
  /** Caveats of the indices used (NDWI on raw numbers …). */
  readonly notes: string[];
  /** 1-based band numbers to read for the kinds that can be computed; empty when none can. */
  readonly bandsToRead: number[];
  /** Pastes one window's masks into the scene masks; returns the per-tile stats as notes. */
  addTile(window: PixelWindow, tile: SpectralTile | undefined): string[];
  /** The merged masks as polygons, one region per polygon, kinds in {@link SPECTRAL_KINDS} order. */
  regions(georeference?: SceneGeoreference): Region[];
  /** Marked pixels and share of the scene per kind, as read so far. */
  coverage(): Record<string, { pixels: number; share: number }>;
}

/** Bands each index reads, as spectralMask's recipes name them. */
const INDEX_NEEDS: Record<SpectralIndexName, BandRole[]> = {
  mndwi: ['green', 'swir1'],
  ndwi: ['green', 'nir'],
  ndvi: ['red', 'nir'],
  bsi: ['blue', 'red', 'nir', 'swir1'],
};

/** Model id stamped on spectral regions and listed with the event's models. */
export const SPECTRAL_MODEL_ID = 'spectral-index';

/**
 * Creates the scene masks of the spectral kinds a query asked for. Each tile's index is computed
 * on its own bands and pasted into one byte mask (and one float of index values) per scene pixel,
 * so objects cut by tile seams are one polygon once the whole mask is vectorised (4-connectivity,
 * simplified by 1 px, polygons under 16 px dropped, by default). Memory is 5 bytes per scene
 * pixel per kind: fine for scenes and query regions up to `maxPixels`, not for a whole 16k² scene.
 * A region's score is the mean index value over the polygon's pixels.
 *
 * @example
 * const masks = createSpectralMasks({ kinds: [{ kind: 'water', phrase: 'sea' }], roles, widthPx: 349, heightPx: 352 });
 * masks.addTile(tile.window, { bands: { green, swir1 } });
 * masks.regions(georef); // → [{ label: 'water', geometry: { type: 'Polygon', … }, … }]
 */
export function createSpectralMasks(options: SpectralMasksOptions): SpectralMasks {
  const { widthPx: w, heightPx: h, roles } = options;
  const probe: BandsByRole = {};
  for (const role of Object.keys(roles) as BandRole[]) probe[role] = [];
  const active: ActiveKind[] = [];
  const unavailable: string[] = [];
  const maxPixels = options.maxPixels ?? 64 * 1024 * 1024;
  for (const req of options.kinds) {
    const r = spectralMask(req.kind, probe, { threshold: req.threshold });
    if (!r.ok) {
      unavailable.push(r.reason);
      continue;
    }
    if (w * h > maxPixels) {
      throw new GroundstreamError('invalid_argument', `${w}x${h}`, `${req.kind} masks of ${w}×${h} px exceed ${maxPixels} px (5 bytes per pixel per kind); narrow the scene with --bbox`);
    }
    active.push({ ...req, index: r.index, threshold: r.threshold, method: r.method, notes: r.notes, mask: new Uint8Array(w * h), values: new Float32Array(w * h).fill(NaN), pixels: 0 });
  }
  const rolesToRead = [...new Set(active.flatMap((a) => INDEX_NEEDS[a.index]))];
  const bandsToRead = [...new Set(rolesToRead.map((r) => (roles[r] as number) + 1))].sort((a, b) => a - b);

  return {
    methods: active.map((a) => a.method),
    unavailable,
    notes: [...new Set(active.flatMap((a) => a.notes))],
    bandsToRead,
    addTile(window, tile) {
      if (!tile) return [];
      const tw = window.x1 - window.x0;
      const n = tw * (window.y1 - window.y0);
      const out: string[] = [];
      for (const a of active) {
        const bands: BandsByRole = {};
        for (const role of INDEX_NEEDS[a.index]) bands[role] = tile.bands[role];
        const r = spectralMask(a.kind, bands, { threshold: a.threshold, nodata: options.nodata, valid: tile.valid });
        if (!r.ok) throw new GroundstreamError('internal', a.kind, r.reason);
        let marked = 0;
        for (let i = 0; i < n; i++) {
          const x = window.x0 + (i % tw), y = window.y0 + Math.floor(i / tw);
          if (x < 0 || y < 0 || x >= w || y >= h) continue;
          const p = y * w + x;
          if (r.mask[i]) marked++;
          a.pixels += r.mask[i] - a.mask[p]; // overlapping tiles repaint the same pixels
          a.mask[p] = r.mask[i];
          a.values[p] = r.values[i];
        }
        out.push(`${a.kind}: ${marked} of ${n} px (${roundTo((100 * marked) / Math.max(1, n), 1)}%) by ${a.index.toUpperCase()} > ${a.threshold}`);
      }
      return out;
    },
    regions(georef) {
      const regions: Region[] = [];
      for (const a of [...active].sort((p, q) => SPECTRAL_KINDS.indexOf(p.kind) - SPECTRAL_KINDS.indexOf(q.kind))) {
        const polygons = vectorizeMask(a.mask, w, h, {
          connectivity: options.connectivity ?? 4,
          simplifyTolerancePx: options.simplifyTolerancePx ?? 1,
          minAreaPx: options.minAreaPx ?? 16,
        });
        polygons.forEach((poly, i) => {
          const rings = [poly.exterior, ...poly.holes];
          const mean = meanInsideRings(rings, a.values, a.mask, w);
          const region: Region = {
            regionId: `${a.kind.replace(/\s+/g, '-')}-${i}`,
            box: [...poly.box],
            label: a.kind,
            classId: SPECTRAL_KINDS.indexOf(a.kind),
            score: Number.isNaN(mean) ? 1 : roundTo(mean, 4),
            phrase: a.phrase,
            trackId: 0,
            modelId: SPECTRAL_MODEL_ID,
            nativeBox: [],
            tileId: '',
            text: '',
            polygon: [],
          };
          if (georef?.geo.georeferenced) {
            const [x0, y0, x1, y1] = poly.box;
            const c = [georef.toCrs(x0, y0), georef.toCrs(x1, y0), georef.toCrs(x1, y1), georef.toCrs(x0, y1)];
            region.nativeBox = [Math.min(...c.map((p) => p[0])), Math.min(...c.map((p) => p[1])), Math.max(...c.map((p) => p[0])), Math.max(...c.map((p) => p[1]))].map((v) => roundTo(v, 3));
            try {
              region.geometry = polygonFeature(rings, georef.toLonLat, {}).geometry as unknown as Record<string, unknown>;
            } catch {
              // a polygon the CRS cannot place keeps its pixel and native boxes, without a geometry
            }
          }
          regions.push(region);
        });
      }
      return regions;
    },
    coverage() {
      return Object.fromEntries(active.map((a) => [a.kind, { pixels: a.pixels, share: roundTo(a.pixels / Math.max(1, w * h), 4) }]));
    },
  };
}
