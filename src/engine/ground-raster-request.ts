import { defer, finalize, from, mergeMap, type Observable } from 'rxjs';
import { findModelEntry } from '../../models/catalog';
import type { GroundingEvent } from '../core/events';
import { toSceneGeoreference } from '../geo/scene-georeference';
import { createTileGrid } from '../geo/tile-grid';
import { toLabelPhraseMap } from '../grounding/query';
import { groundRaster } from '../pipeline/ground-raster';
import { createTileReader, openRaster } from '../sources/raster';
import type { EngineCore, GroundRasterHooks, RasterRequest } from './engine-core';
import { streamIdFor } from './validate-request';

/** One raster request through the engine: the scene opened, tiled, grounded tile by tile and merged. */
export function groundRasterRequest(core: EngineCore, request: RasterRequest, hooks?: GroundRasterHooks): Observable<GroundingEvent> {
  return defer(() => from((async () => {
    const d = await core.detector(request.model || undefined);
    const plan = core.groundableQuery(d, request.query ?? '');
    const raster = await openRaster(request.source, { headers: request.headers });
    try {
      const sceneId = request.sceneId || streamIdFor(request.source);
      const reader = await createTileReader(raster, { bands: request.bands, sceneId });
      const info = raster.info;
      const grid = createTileGrid({ sceneWidthPx: info.width, sceneHeightPx: info.height, tileSizePx: request.tileSizePx ?? 416, overlapPx: request.overlapPx ?? 128 });
      hooks?.onGrid?.(grid, info);
      const notes = [reader.description];
      if (!info.georeferenced) notes.push(`${request.source} has no georeferencing: results are in pixels only`);
      if (info.georeferenced && findModelEntry(d.id)?.domain === 'ground-level') {
        notes.push(`${d.id} was trained on ground-level photos, and this scene is overhead imagery: it finds little here, so an empty result does not mean nothing is there`);
      }
      return { d, plan, raster, reader, grid, sceneId, notes };
    } catch (e) {
      await raster.close();
      throw e;
    }
  })())).pipe(
    mergeMap(({ d, plan, raster, reader, grid, sceneId, notes }) =>
      groundRaster({ sceneId, widthPx: raster.info.width, heightPx: raster.info.height, readTile: (w) => reader.readTile(w) }, d, {
        grid,
        labelPhrase: plan.phrases.length ? toLabelPhraseMap(plan) : undefined,
        queryPlan: plan,
        scoreThreshold: request.scoreThreshold || undefined,
        concurrency: Math.max(1, core.options.sessionsPerModel ?? 1),
        merge: { mode: request.merge ?? 'nms' },
        georeference: toSceneGeoreference(raster.info),
        notes,
      }).pipe(finalize(() => void raster.close()))),
  );
}
