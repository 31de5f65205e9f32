import { GroundstreamError } from '../../core/errors';
import type { PixelWindow } from '../../geo/tile-grid';
import { vectorizeMask, type MaskPolygon, type VectorizeOptions } from './vectorize-mask';

/** A mask of one tile: `window`-sized, row-major, non-zero = foreground. */
export interface TileMask {
  window: PixelWindow;
  mask: ArrayLike<number>;
}

/** The union of the windows, or undefined for none. */
export function unionWindow(windows: readonly PixelWindow[]): PixelWindow | undefined {
  if (windows.length === 0) return undefined;
  return {
    x0: Math.min(...windows.map((w) => w.x0)),
    y0: Math.min(...windows.map((w) => w.y0)),
    x1: Math.max(...windows.map((w) => w.x1)),
    y1: Math.max(...windows.map((w) => w.y1)),
  };
}

/**
 * Pastes tile masks into one mask of `region` (scene pixels), OR-ing where tiles overlap; parts of
 * tiles outside the region are ignored.
 *
 * @example
 * assembleTileMasks([{ window: a.window, mask: ma }, { window: b.window, mask: mb }], { x0: 0, y0: 0, x1: 180, y1: 100 })
 */
export function assembleTileMasks(tiles: readonly TileMask[], region: PixelWindow): Uint8Array {
  const rw = region.x1 - region.x0, rh = region.y1 - region.y0;
  const out = new Uint8Array(rw * rh);
  for (const { window: w, mask } of tiles) {
    const tw = w.x1 - w.x0;
    if (mask.length !== tw * (w.y1 - w.y0)) {
      throw new GroundstreamError('invalid_argument', 'mask', `tile mask of length ${mask.length} does not match its window ${tw}×${w.y1 - w.y0}`);
    }
    const xa = Math.max(w.x0, region.x0), xb = Math.min(w.x1, region.x1);
    for (let y = Math.max(w.y0, region.y0); y < Math.min(w.y1, region.y1); y++) {
      for (let x = xa; x < xb; x++) if (mask[(y - w.y0) * tw + (x - w.x0)]) out[(y - region.y0) * rw + (x - region.x0)] = 1;
    }
  }
  return out;
}

/**
 * Polygons of tile masks merged across seams, in scene pixels. The masks are assembled into one mask
 * of `region` (default: the union of the tile windows) and vectorised once, so a blob cut by a seam
 * is one polygon and its edges along the seam vanish, with no polygon unions to get wrong. Memory is
 * one byte per region pixel: pass a bounded region (the tiles of a query area), not a whole large
 * scene.
 *
 * @example
 * vectorizeTileMasks(perTileWaterMasks, { simplifyTolerancePx: 1, minAreaPx: 50 })
 */
export function vectorizeTileMasks(tiles: readonly TileMask[], options: VectorizeOptions & { region?: PixelWindow } = {}): MaskPolygon[] {
  const region = options.region ?? unionWindow(tiles.map((t) => t.window));
  if (!region) return [];
  const mask = assembleTileMasks(tiles, region);
  const [ox, oy] = options.originPx ?? [0, 0];
  return vectorizeMask(mask, region.x1 - region.x0, region.y1 - region.y0, { ...options, originPx: [region.x0 + ox, region.y0 + oy] });
}
