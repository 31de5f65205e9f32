import { concat, defer, from, map, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import { EventKind, type GroundingEvent, type QueryPlan } from '../core/events';
import type { SceneGeoreference } from '../geo/scene-georeference';
import type { GridTile, PixelWindow, TileGrid } from '../geo/tile-grid';
import { eventEnvelope } from './event-envelope';
import { toRasterSummaryEvent } from './to-raster-summary-event';
import { SPECTRAL_MODEL_ID, type SpectralMasks, type SpectralTile } from './ground-spectral-masks';
import { pullMap } from './pull-map';
import { roundTo } from './to-frame-event';

/** A scene whose windows are read as bands by role. */
export interface SpectralTileSource {
  sceneId: string;
  widthPx: number;
  heightPx: number;
  /** The window's bands; undefined when it holds no data. */
  readBands(window: PixelWindow): Promise<SpectralTile | undefined>;
}

/** Options of {@link groundSpectral}. */
export interface GroundSpectralOptions {
  grid: TileGrid;
  /** Creates the masks on subscribe, so each subscription has its own. */
  createMasks(): SpectralMasks;
  georeference?: SceneGeoreference;
  queryPlan?: QueryPlan;
  concurrency?: number;
  notes?: string[];
  now?: () => Date;
  clockMs?: () => number;
}

/** Key of a window in the tile-notes map of {@link withSpectralRegions}. */
export const spectralWindowKey = (w: PixelWindow): string => `${w.x0},${w.y0},${w.x1},${w.y1}`;
const spectralModel = (masks: SpectralMasks) => ({ id: SPECTRAL_MODEL_ID, version: masks.methods.join('; ') });

/** The scene's notes about the spectral kinds: methods, caveats, what could not be computed, coverage. */
function sceneNotes(masks: SpectralMasks): string[] {
  const coverage = Object.entries(masks.coverage()).map(([k, c]) => `${k} marks ${c.pixels} px (${roundTo(100 * c.share, 1)}% of the window)`);
  return [...masks.methods.map((m) => `spectral ${m}`), ...masks.notes, ...masks.unavailable, ...coverage];
}

/**
 * Grounds spectral kinds (water, vegetation, bare soil) in a raster scene without a detector: one
 * tile event per tile with that tile's mask stats as notes, then a scene event whose regions are
 * the merged mask polygons (WGS 84 geometry when georeferenced), then a summary.
 *
 * @example
 * groundSpectral(scene, { grid, createMasks: () => createSpectralMasks({ kinds: [{ kind: 'water', phrase: 'water' }], roles, widthPx, heightPx }) })
 *   .subscribe((e) => console.log(e.kind, e.regions.length));
 */
export function groundSpectral(scene: SpectralTileSource, options: GroundSpectralOptions): Observable<GroundingEvent> {
  const now = options.now ?? (() => new Date());
  const clockMs = options.clockMs ?? (() => performance.now());
  return defer(() => {
    const masks = options.createMasks();
    const models = [spectralModel(masks)];
    const geo = options.georeference?.geo;
    let emptyTiles = 0;
    const startMs = clockMs();
    async function* tiles(): AsyncGenerator<GridTile> {
      yield* options.grid.tiles;
    }
    const tileEvents = pullMap(tiles, async (tile: GridTile) => {
      const bands = await scene.readBands(tile.window);
      if (!bands) emptyTiles++;
      const event: GroundingEvent = {
        ...eventEnvelope(EventKind.EVENT_KIND_TILE, '', `${scene.sceneId}:tile:${tile.tileId}`, now),
        sceneId: scene.sceneId,
        width: scene.widthPx,
        height: scene.heightPx,
        tileId: tile.tileId,
        window: tile.window,
        geo,
        models,
        regions: [],
        notes: bands ? masks.addTile(tile.window, bands) : ['no data in this tile (nodata or transparent): skipped'],
      };
      return event;
    }, options.concurrency ?? 1);
    const finalEvents = defer(() => {
      const regions = masks.regions(options.georeference);
      const labelCounts: Record<string, number> = {};
      for (const r of regions) labelCounts[r.label] = (labelCounts[r.label] ?? 0) + 1;
      const sceneEvent: GroundingEvent = {
        ...eventEnvelope(EventKind.EVENT_KIND_SCENE, '', `${scene.sceneId}:scene:0`, now),
        sceneId: scene.sceneId,
        width: scene.widthPx,
        height: scene.heightPx,
        window: { x0: 0, y0: 0, x1: scene.widthPx, y1: scene.heightPx },
        geo,
        models,
        regions,
        notes: [...(options.notes ?? []), ...sceneNotes(masks)],
      };
      const summary = toRasterSummaryEvent({
        sceneId: scene.sceneId, models, queryPlan: options.queryPlan, tiles: options.grid.tiles.length, emptyTiles,
        elapsedSec: (clockMs() - startMs) / 1000, labelCounts,
      }, now);
      return from([sceneEvent, summary]);
    });
    return concat(tileEvents, finalEvents);
  });
}

/**
 * Adds spectral results to a detector's raster events: each tile event gets the stats its window
 * left in `masks` (fill them in the tile source's read, before the detector sees the tile), the
 * scene event the mask polygons after the detector's regions, the summary their counts and the
 * combined query plan.
 *
 * @example
 * groundRaster({ ...scene, readTile: async (w) => { masks.addTile(w, await readBands(w)); return reader.readTile(w); } }, detector, opts)
 *   .pipe(withSpectralRegions(masks, tileNotes, { georeference, queryPlan }))
 */
export function withSpectralRegions(
  masks: SpectralMasks,
  tileNotes: ReadonlyMap<string, string[]>,
  options: { georeference?: SceneGeoreference; queryPlan?: QueryPlan } = {},
): MonoTypeOperatorFunction<GroundingEvent> {
  const model = spectralModel(masks);
  const labelCounts: Record<string, number> = {};
  return map((event) => {
    if (event.kind === EventKind.EVENT_KIND_TILE && event.window) {
      return { ...event, models: [...event.models, model], notes: [...event.notes, ...(tileNotes.get(spectralWindowKey(event.window)) ?? [])] };
    }
    if (event.kind === EventKind.EVENT_KIND_SCENE) {
      const regions = masks.regions(options.georeference);
      for (const r of regions) labelCounts[r.label] = (labelCounts[r.label] ?? 0) + 1;
      return { ...event, models: [...event.models, model], regions: [...event.regions, ...regions], notes: [...event.notes, ...sceneNotes(masks)] };
    }
    if (event.kind === EventKind.EVENT_KIND_SUMMARY && event.summary) {
      return { ...event, models: [...event.models, model], query: options.queryPlan ?? event.query, summary: { ...event.summary, labelCounts: { ...event.summary.labelCounts, ...labelCounts } } };
    }
    return event;
  });
}
