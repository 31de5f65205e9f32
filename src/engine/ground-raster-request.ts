import { defer, finalize, from, map, mergeMap, type Observable } from 'rxjs';
import { findModelEntry } from '../../models/catalog';
import { GroundstreamError } from '../core/errors';
import type { GroundingEvent } from '../core/events';
import { bboxToWindow } from '../geo/bbox-to-window';
import { offsetGeotransform } from '../geo/offset-geotransform';
import { toSceneGeoreference } from '../geo/scene-georeference';
import { createTileGrid, type PixelWindow } from '../geo/tile-grid';
import { orderTilesInSwaths, swathWidthForBlocks } from '../geo/tile-order';
import { toLabelPhraseMap } from '../grounding/query';
import { resolveBandRoles, splitQueryPlan, type BandRole, type BandRoles, type BandsByRole, type SplitQueryPlan } from '../grounding/spectral';
import type { Detector } from '../models/detector';
import { groundRaster } from '../pipeline/ground-raster';
import { groundSpectral, spectralWindowKey, withSpectralRegions } from '../pipeline/ground-spectral';
import { createSpectralMasks, type SpectralMasks, type SpectralTile } from '../pipeline/ground-spectral-masks';
import { shiftRegionPolygon } from '../pipeline/raster-masks';
import { withSceneReport } from '../pipeline/scene-report';
import { readRegionWindow, regionEventsToScene } from '../pipeline/raster-region';
import { createTileReader, DEFAULT_BLOCK_CACHE_BYTES, openRaster, type RasterSource } from '../sources/raster';
import type { EngineCore, GroundRasterHooks, RasterRequest } from './engine-core';
import { sessionsPerModel } from './sessions-per-model';
import { streamIdFor } from './validate-request';

/**
 * How the query divides between the detector and the spectral expert. A query that names no
 * spectral kind is planned by the detector alone, exactly as before (refused when it names
 * nothing the detector sees); one that does is planned by both, and needs the detector only when
 * some phrase reaches a detector label.
 */
export async function planRasterQuery(core: EngineCore, request: Pick<RasterRequest, 'query' | 'model'>): Promise<SplitQueryPlan & { d?: Detector }> {
  const query = request.query ?? '';
  const modelId = request.model || undefined;
  const spectralPlan = query.trim() ? core.spectralPlan(query) : undefined;
  if (!spectralPlan || spectralPlan.phrases.every((p) => p.labels.length === 0)) {
    const d = await core.detector(modelId);
    const plan = core.groundableQuery(d, query);
    return { plan, detector: plan, spectral: [], d };
  }
  // Planning needs only the labels: a catalogued model is planned without loading its weights.
  const detectorPlan = await core.detectorPlan(query, modelId);
  const groundsSomething = detectorPlan.phrases.some((p) => p.labels.length > 0);
  const split = splitQueryPlan(groundsSomething ? detectorPlan : undefined, spectralPlan);
  return { ...split, d: split.detector ? await core.detector(modelId) : undefined };
}

/** Reads the bands the masks need for a scene window, with the alpha band as validity. */
function bandReader(raster: RasterSource, roles: BandRoles, masks: SpectralMasks): (w: PixelWindow) => Promise<SpectralTile> {
  const info = raster.info;
  const alpha = info.hasAlpha ? info.bandCount : undefined;
  const read = alpha ? [...masks.bandsToRead, alpha] : masks.bandsToRead;
  return async (w) => {
    const px = await raster.readWindow(w, { bands: read });
    const bands: BandsByRole = {};
    for (const [role, pos] of Object.entries(roles) as [BandRole, number][]) {
      const i = masks.bandsToRead.indexOf(pos + 1);
      if (i >= 0) bands[role] = px.bands[i];
    }
    return { bands, valid: alpha ? (px.bands[read.length - 1] as Uint8Array) : undefined };
  };
}

/**
 * One raster request through the engine: the scene opened, cut to the query region when a bbox is
 * given, tiled, and grounded tile by tile: detector labels by the detector (merged across seams),
 * spectral kinds (water, vegetation, bare soil) by index masks merged into polygons.
 */
export function groundRasterRequest(core: EngineCore, request: RasterRequest, hooks?: GroundRasterHooks): Observable<GroundingEvent> {
  return defer(() => from((async () => {
    const { plan, detector: detectorPlan, spectral, d } = await planRasterQuery(core, request);
    const raster = await openRaster(request.source, { headers: request.headers });
    try {
      const sceneId = request.sceneId || streamIdFor(request.source);
      const info = raster.info;
      const sceneGeoref = toSceneGeoreference(info);
      const notes: string[] = [];
      let region: PixelWindow = { x0: 0, y0: 0, x1: info.width, y1: info.height };
      if (request.bbox) {
        region = bboxToWindow(request.bbox, { ...info, bboxWgs84: sceneGeoref.geo.bboxWgs84 }, { bboxCrs: request.bboxCrs });
        notes.push(`region query: bbox [${request.bbox.join(', ')}] (${request.bboxCrs ?? 'wgs84'}) reads scene pixels x ${region.x0}–${region.x1}, y ${region.y0}–${region.y1}`);
      }
      const isRegion = region.x0 > 0 || region.y0 > 0 || region.x1 < info.width || region.y1 < info.height;
      const widthPx = region.x1 - region.x0, heightPx = region.y1 - region.y0;
      const georeference = isRegion && info.geotransform
        ? toSceneGeoreference({ width: widthPx, height: heightPx, geotransform: offsetGeotransform(info.geotransform, region.x0, region.y0), crs: info.crs })
        : sceneGeoref;
      // With a target GSD the detector reads an overview: tiles cover `factor` times more scene pixels.
      const overview = request.gsdM ? raster.chooseOverview(request.gsdM) : 0;
      const factor = overview > 0 ? info.width / info.overviews.find((o) => o.level === overview)!.width : 1;
      if (request.gsdM) {
        notes.push(overview > 0
          ? `detector reads overview ${overview} (${((info.gsdM ?? 0) * factor).toFixed(2)} m per pixel, ${factor}x coarser) for a target of ${request.gsdM} m`
          : `no overview is as coarse as ${request.gsdM} m without exceeding it: full resolution (${info.gsdM?.toFixed(2) ?? '?'} m) is read`);
      }
      const grid = createTileGrid({
        sceneWidthPx: widthPx,
        sceneHeightPx: heightPx,
        tileSizePx: Math.round((request.tileSizePx ?? 416) * factor),
        overlapPx: Math.round((request.overlapPx ?? 128) * factor),
      });

      let masks: SpectralMasks | undefined;
      let roles: BandRoles = {};
      if (spectral.length) {
        const resolved = resolveBandRoles({ bandRoles: request.bandRoles, sensor: request.sensor, bandCount: info.bandCount, bandDescriptions: info.bandDescriptions, hasAlpha: info.hasAlpha });
        masks = createSpectralMasks({
          kinds: spectral.map((s) => ({ ...s, threshold: request.spectralThresholds?.[s.kind] })),
          roles: resolved.roles,
          widthPx,
          heightPx,
          nodata: info.noData,
          minAreaPx: request.spectralMinAreaPx,
          simplifyTolerancePx: request.spectralSimplifyPx,
        });
        roles = resolved.roles;
        notes.push(resolved.description);
        if (masks.unavailable.length && !masks.methods.length && !d) {
          throw new GroundstreamError('invalid_argument', request.source, `${request.source}: ${masks.unavailable.join('; ')}. Name the bands with --band-roles (e.g. blue,green,red,nir,swir1,swir2) or --sensor (landsat7, landsat8, sentinel2, naip)`);
        }
      }
      const segmenter = d && request.masks ? await core.segmenter() : undefined;
      if (request.masks && !d) notes.push('masks: only detector regions get instance masks, and this query reaches no detector label');
      const reader = d ? await createTileReader(raster, { bands: request.bands, sceneId, overview }) : undefined;
      if (reader) notes.unshift(reader.description);
      // A tiled file is read in swaths whose blocks fit the block cache: each block decodes about once.
      const tileOrder = masks ? grid.tiles : orderTilesInSwaths(grid, swathWidthForBlocks({
        sceneWidthPx: widthPx,
        tileSizePx: grid.tileSizePx,
        blockWidthPx: Math.min(info.width, info.tileWidthPx) * factor,
        blockHeightPx: info.tileHeightPx * factor,
        bytesPerPixel: (info.bandCount * Math.max(1, info.bitsPerSample / 8)) / (factor * factor),
        cacheBytes: DEFAULT_BLOCK_CACHE_BYTES,
      }));
      hooks?.onGrid?.(grid, info);
      if (!info.georeferenced) notes.push(`${request.source} has no georeferencing: results are in pixels only`);
      if (d && info.georeferenced && (d.domain ?? findModelEntry(d.id)?.domain) === 'ground-level') {
        notes.push(`${d.id} was trained on ground-level photos, and this scene is overhead imagery: it finds little here, so an empty result does not mean nothing is there`);
      }
      return { plan, detectorPlan, d, segmenter, roles, raster, reader, grid, tileOrder, sceneId, notes, masks, region, isRegion, widthPx, heightPx, georeference, sceneGeoref };
    } catch (e) {
      await raster.close();
      throw e;
    }
  })())).pipe(
    mergeMap((p) => {
      const { raster, masks, region, widthPx, heightPx, sceneId, georeference } = p;
      const pace = hooks?.ready ?? (async () => undefined);
      const readBands = masks?.bandsToRead.length ? readRegionWindow(region, bandReader(raster, p.roles, masks)) : undefined;
      let events: Observable<GroundingEvent>;
      if (p.d && p.reader) {
        const reader = p.reader;
        const tileNotes = new Map<string, string[]>();
        const readFrame = readRegionWindow(region, (w) => reader.readTile(w));
        events = groundRaster({
          sceneId,
          widthPx,
          heightPx,
          readTile: async (w) => {
            await pace();
            const [frame, bands] = await Promise.all([readFrame(w), readBands?.(w)]);
            if (masks && bands) tileNotes.set(spectralWindowKey(w), masks.addTile(w, bands));
            return frame;
          },
          releaseTile: (frame) => reader.releaseTile(frame),
        }, p.d, {
          grid: p.grid,
          tileOrder: p.tileOrder,
          labelPhrase: p.detectorPlan?.phrases.length ? toLabelPhraseMap(p.detectorPlan) : undefined,
          queryPlan: p.plan,
          scoreThreshold: request.scoreThreshold || undefined,
          // one tile more than sessions: its tensor waits in the pool, so a session that finishes starts the next run at once
          concurrency: sessionsPerModel(core.options) + 1,
          merge: { mode: request.merge ?? 'nms' },
          georeference,
          notes: p.notes,
          segmenter: p.segmenter,
        });
        if (masks) events = events.pipe(withSpectralRegions(masks, tileNotes, { georeference, queryPlan: p.plan }));
      } else {
        const m = masks as SpectralMasks;
        events = groundSpectral({ sceneId, widthPx, heightPx, readBands: async (w) => { await pace(); return readBands?.(w); } }, {
          grid: p.grid,
          createMasks: () => m,
          georeference,
          queryPlan: p.plan,
          notes: p.notes,
        });
      }
      // Mask outlines are in region pixels, as boxes are: shifted back to scene pixels with them.
      if (p.isRegion && p.segmenter) events = events.pipe(map((e) => ({ ...e, regions: e.regions.map((r) => (r.modelId === p.d?.id ? shiftRegionPolygon(r, region.x0, region.y0) : r)) })));
      if (request.captions) {
        const detail = request.captions;
        const threshold = request.scoreThreshold || p.d?.defaultScoreThreshold || 0;
        events = events.pipe(map((e) => withSceneReport(e, detail, threshold)));
      }
      if (p.isRegion) events = events.pipe(regionEventsToScene(region, { widthPx: raster.info.width, heightPx: raster.info.height, geo: p.sceneGeoref.geo }));
      return events.pipe(finalize(() => void raster.close()));
    }),
  );
}
