import { concat, defer, from, type Observable } from 'rxjs';
import type { Detections } from '../core/detections';
import { EventKind, type GeoReference, type GroundingEvent, type QueryPlan, type Region } from '../core/events';
import type { Frame } from '../core/frame';
import { boxFeature } from '../geo/geojson';
import type { SceneGeoreference } from '../geo/scene-georeference';
import type { GridTile, PixelWindow, TileGrid } from '../geo/tile-grid';
import { mergeTileDetections, shiftToScene, type MergeTileOptions, type TileDetections } from '../grounding/merge';
import { selectByQuery } from '../grounding/select-by-query';
import type { Detector } from '../models/detector';
import type { Segmenter } from '../models/segmenter';
import type { TileMask } from '../grounding/vectorize';
import { anySegmentable, groupMasksByRegion, regionMaskPolygons, tileDetectionMasks, withMaskOutline, type RegionMaskOptions, type SceneBoxMask } from './raster-masks';
import { eventEnvelope } from './event-envelope';
import { toRasterSummaryEvent } from './to-raster-summary-event';
import { pullMap } from './pull-map';
import { readAhead } from './read-ahead';
import { roundTo } from './to-frame-event';

/** A scene read tile by tile: anything that turns a window into an 8-bit frame. */
export interface TileSource {
  sceneId: string;
  widthPx: number;
  heightPx: number;
  /** The window's pixels; undefined when the window holds no data (nodata, transparent). */
  readTile(window: PixelWindow): Promise<Frame | undefined>;
  /** Called once the pipeline is done with a frame it read: the source may reuse its memory. */
  releaseTile?(frame: Frame): void;
}

/** Options of {@link groundRaster}. */
export interface GroundRasterOptions {
  grid: TileGrid;
  /** The grid's tiles in the order to read them (default row-major), e.g. {@link orderTilesInSwaths}. */
  tileOrder?: readonly GridTile[];
  labelPhrase?: ReadonlyMap<string, string>;
  queryPlan?: QueryPlan;
  scoreThreshold?: number;
  /** Tiles in inference at once. */
  concurrency?: number;
  /** Tiles read ahead of inference (default 1). */
  readAheadTiles?: number;
  merge?: Omit<MergeTileOptions, 'grid'>;
  georeference?: SceneGeoreference;
  /** Read with the result (how pixels were stretched, model domain warnings). */
  notes?: string[];
  now?: () => Date;
  clockMs?: () => number;
  /**
   * Instance masks: the segmenter runs on each tile frame the detector saw; each region whose class
   * it knows gets the class's pixels inside its box, and the scene event's regions get those
   * pixels (assembled across seams) as their outline: `polygon` in scene pixels and `geometry`
   * the mask's polygon(s) instead of the box.
   */
  segmenter?: Segmenter;
  maskOptions?: RegionMaskOptions;
}

function toRegions(d: Detections, modelId: string, tileIds: readonly string[], prefix: string, georef?: SceneGeoreference): Region[] {
  return d.label.map((label, i) => {
    const box = Array.from(d.xyxy.subarray(i * 4, i * 4 + 4), (v) => roundTo(v, 2));
    const region: Region = {
      regionId: `${prefix}r${i}`,
      box,
      label,
      classId: d.classId[i],
      score: roundTo(d.score[i], 4),
      phrase: d.phrase?.[i] ?? '',
      trackId: 0,
      modelId,
      nativeBox: [],
      tileId: tileIds[i] ?? '',
      text: d.text?.[i] ?? '',
      polygon: d.polygon?.[i]?.map((v) => roundTo(v, 2)) ?? [],
    };
    if (georef?.geo.georeferenced) {
      const corners = [georef.toCrs(box[0], box[1]), georef.toCrs(box[2], box[1]), georef.toCrs(box[2], box[3]), georef.toCrs(box[0], box[3])];
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      region.nativeBox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((v) => roundTo(v, 3));
      try {
        region.geometry = boxFeature(box as [number, number, number, number], georef.toLonLat, {}).geometry as unknown as Record<string, unknown>;
      } catch {
        // A box the CRS cannot place keeps its pixel and native boxes, without a geometry.
      }
    }
    return region;
  });
}

/**
 * Grounds a query in a raster scene tile by tile: one tile event per tile as it finishes (its
 * regions already in scene pixels, with tile id and window), then one scene event with the
 * detections of all tiles merged across seams (one object, one region), then a summary. Tiles
 * are read only as inference frees a slot, so memory holds the tiles in flight, never the scene.
 *
 * @example
 * groundRaster(tiles, detector, { grid: createTileGrid({ sceneWidthPx: 3840, sceneHeightPx: 2160, tileSizePx: 416, overlapPx: 128 }) })
 *   .subscribe((e) => console.log(e.kind, e.tileId, e.regions.length));
 */
export function groundRaster(scene: TileSource, detector: Detector, options: GroundRasterOptions): Observable<GroundingEvent> {
  const now = options.now ?? (() => new Date());
  const clockMs = options.clockMs ?? (() => performance.now());
  const models = [{ id: detector.id, version: detector.version }, ...(options.segmenter ? [{ id: options.segmenter.id, version: options.segmenter.version }] : [])];
  const sceneWindow = { x0: 0, y0: 0, x1: scene.widthPx, y1: scene.heightPx };
  const geoFor = (): GeoReference | undefined => options.georeference?.geo;
  return defer(() => {
    const perTile: TileDetections[] = [];
    // Box-sized masks of the tile detections (scene pixels): never a tile- or scene-sized buffer.
    const boxMasks: SceneBoxMask[] = [];
    let emptyTiles = 0;
    const startMs = clockMs();
    // The next tiles are read and decoded while the current one is in inference (its own thread).
    const tileEvents = pullMap(() => readAhead(options.tileOrder ?? options.grid.tiles, (tile) => scene.readTile(tile.window), options.readAheadTiles ?? 1), async ([tile, frame]: [GridTile, Frame | undefined]) => {
      let inTile: Detections | undefined;
      if (frame) {
        const dets = selectByQuery(await detector.detect(frame, { scoreThreshold: options.scoreThreshold }), options.labelPhrase);
        perTile.push({ tile, dets });
        inTile = shiftToScene(dets, tile.window);
        const segmenter = options.segmenter;
        if (segmenter && dets.label.length > 0 && anySegmentable(dets.label, segmenter.labels)) {
          const shifted = inTile;
          const semantic = await segmenter.segment(frame);
          tileDetectionMasks(dets, semantic, segmenter.labels, tile.window).forEach((mask, i) => {
            if (mask) boxMasks.push({ box: shifted.xyxy.subarray(i * 4, i * 4 + 4), classId: dets.classId[i], tileId: tile.tileId, mask });
          });
        }
        scene.releaseTile?.(frame);
      } else {
        emptyTiles++;
      }
      const event: GroundingEvent = {
        ...eventEnvelope(EventKind.EVENT_KIND_TILE, '', `${scene.sceneId}:tile:${tile.tileId}`, now),
        sceneId: scene.sceneId,
        width: scene.widthPx,
        height: scene.heightPx,
        tileId: tile.tileId,
        window: tile.window,
        geo: geoFor(),
        models,
        regions: inTile ? toRegions(inTile, detector.id, inTile.label.map(() => tile.tileId), `${tile.tileId}`, options.georeference) : [],
        notes: frame ? [] : ['no data in this tile (nodata or transparent): skipped'],
      };
      return event;
    }, options.concurrency ?? 1);

    const labelCounts: Record<string, number> = {};
    const finalEvents = defer(() => {
      const merged = mergeTileDetections(perTile, { ...options.merge, grid: options.grid });
      for (const l of merged.label) labelCounts[l] = (labelCounts[l] ?? 0) + 1;
      let regions = toRegions(merged, detector.id, merged.tileId, 's', options.georeference);
      if (options.segmenter) {
        const byRegion: TileMask[][] = groupMasksByRegion(merged, boxMasks, options.merge);
        boxMasks.length = 0;
        const georef = options.georeference?.geo.georeferenced ? options.georeference : undefined;
        // One region at a time: its mask covers its own box only.
        regions = regions.map((r, i) => withMaskOutline(r, regionMaskPolygons(merged.xyxy.subarray(i * 4, i * 4 + 4), byRegion[i], options.maskOptions), georef?.toLonLat));
      }
      const sceneEvent: GroundingEvent = {
        ...eventEnvelope(EventKind.EVENT_KIND_SCENE, '', `${scene.sceneId}:scene:0`, now),
        sceneId: scene.sceneId,
        width: scene.widthPx,
        height: scene.heightPx,
        window: sceneWindow,
        geo: geoFor(),
        models,
        regions,
        notes: options.notes ?? [],
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
