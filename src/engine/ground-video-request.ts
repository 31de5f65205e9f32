import { defer, finalize, from, mergeMap, type Observable } from 'rxjs';
import type { GroundingEvent, GroundVideoRequest } from '../core/events';
import { toLabelPhraseMap } from '../grounding/query';
import { groundVideo } from '../pipeline/ground-video';
import { createTileGrid } from '../geo/tile-grid';
import { createTiledDetector } from '../pipeline/create-tiled-detector';
import { paced } from '../pipeline/paced';
import { createVideoSource } from '../sources/video';
import type { EngineCore, GroundVideoHooks } from './engine-core';
import { sessionsPerModel } from './sessions-per-model';
import { streamIdFor, toVideoRequest } from './validate-request';

/** A video request, optionally tiled: the detector runs on overlapping tiles of full-resolution frames. */
export type VideoRequest = Partial<GroundVideoRequest> & {
  tileSizePx?: number;
  overlapPx?: number;
  /** Decode at the media's own rate, as a live source (see VideoSourceOptions.realtime). */
  realtime?: boolean;
};

/**
 * One video request through the engine: checked, planned, decoded at the detector's input size
 * (or at full size when tiled), grounded.
 */
export function groundVideoRequest(core: EngineCore, request: VideoRequest, hooks?: GroundVideoHooks): Observable<GroundingEvent> {
  return defer(() => {
    const r = toVideoRequest(request);
    const tiled = request.tileSizePx !== undefined;
    // Checks tile size and overlap before anything starts (a grid of one tile validates both).
    if (tiled) createTileGrid({ sceneWidthPx: request.tileSizePx!, sceneHeightPx: request.tileSizePx!, tileSizePx: request.tileSizePx!, overlapPx: request.overlapPx ?? 0 });
    return from((async () => {
      const model = await core.detector(r.model || undefined);
      const plan = core.groundableQuery(model, r.query);
      const d = tiled ? createTiledDetector(model, { tileSizePx: request.tileSizePx!, overlapPx: request.overlapPx ?? Math.floor(request.tileSizePx! / 4) }) : model;
      const source = createVideoSource(r.source, {
        width: tiled ? undefined : d.inputFormat.width,
        height: tiled ? undefined : d.inputFormat.height,
        fit: d.inputFormat.fit,
        layout: d.inputFormat.layout,
        padValue: d.inputFormat.padValue,
        fps: r.fps || undefined,
        startSec: r.startSec || undefined,
        endSec: r.endSec || undefined,
        bufferFrames: core.options.bufferFrames,
        sourceId: r.streamId || streamIdFor(r.source),
        realtime: request.realtime,
      });
      const info = await source.info().catch(async (e: unknown) => { await source.close(); throw e; });
      hooks?.onInfo?.(info);
      return { d, plan, source, info };
    })()).pipe(
      mergeMap(({ d, plan, source, info }) =>
        groundVideo(hooks?.ready ? { frames: () => paced(source.frames(), hooks.ready!) } : source, d, {
          streamId: r.streamId || streamIdFor(r.source),
          labelPhrase: plan.phrases.length ? toLabelPhraseMap(plan) : undefined,
          queryPlan: plan,
          scoreThreshold: r.scoreThreshold || undefined,
          concurrency: sessionsPerModel(core.options),
          framesDeclared: info.frameCount ?? 0,
          mediaDurationSec: info.durationSec ?? 0,
        }).pipe(finalize(() => void source.close()))),
    );
  });
}
