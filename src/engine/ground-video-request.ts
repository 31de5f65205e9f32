import { defer, finalize, from, mergeMap, type Observable } from 'rxjs';
import type { GroundingEvent } from '../core/events';
import type { PartialVideoRequest } from '../core/video-request';
import { toLabelPhraseMap } from '../grounding/query';
import { groundVideo, type GroundVideoOptions } from '../pipeline/ground-video';
import { createTileGrid } from '../geo/tile-grid';
import { createTiledDetector } from '../pipeline/create-tiled-detector';
import { paced } from '../pipeline/paced';
import { GroundstreamError } from '../core/errors';
import { createLiveVideoSource, createVideoSource, isLiveInput } from '../sources/video';
import type { EngineCore, GroundVideoHooks } from './engine-core';
import { sessionsPerModel } from './sessions-per-model';
import { streamIdFor, toVideoRequest, type VideoRequest as CheckedVideoRequest } from './validate-request';

/** A video request, optionally tiled: the detector runs on overlapping tiles of full-resolution frames. */
export type VideoRequest = PartialVideoRequest & {
  tileSizePx?: number;
  overlapPx?: number;
  /** How a live source waits, reconnects and reports gaps (live requests and RTSP/HLS sources). */
  liveOptions?: { gapSec?: number; maxRetries?: number };
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
      const sourceId = r.streamId || streamIdFor(r.source);
      const live = r.live || isLiveInput(r.source);
      if (live && (r.startSec || r.endSec)) {
        throw new GroundstreamError('invalid_argument', r.source, `video input ${r.source}: startSec and endSec apply to files read as fast as they decode, not to a live source`);
      }
      const output = {
        width: tiled ? undefined : d.inputFormat.width,
        height: tiled ? undefined : d.inputFormat.height,
        fit: d.inputFormat.fit,
        layout: d.inputFormat.layout,
        padValue: d.inputFormat.padValue,
        fps: r.fps || undefined,
        sourceId,
      };
      const source = live
        ? createLiveVideoSource(r.source, {
          ...output,
          gapSec: request.liveOptions?.gapSec || undefined,
          reconnect: request.liveOptions?.maxRetries ? { maxRetries: request.liveOptions.maxRetries } : undefined,
        })
        : createVideoSource(r.source, {
          ...output,
          startSec: r.startSec || undefined,
          endSec: r.endSec || undefined,
          bufferFrames: core.options.bufferFrames,
        });
      const info = await source.info().catch(async (e: unknown) => { await source.close(); throw e; });
      hooks?.onInfo?.(info);
      return { d, plan, source, info };
    })()).pipe(
      mergeMap(({ d, plan, source, info }) =>
        groundVideo(hooks?.ready ? { frames: () => paced(source.frames(), hooks.ready!) } : source, d, {
          streamId: source.sourceId,
          labelPhrase: plan.phrases.length ? toLabelPhraseMap(plan) : undefined,
          queryPlan: plan,
          scoreThreshold: r.scoreThreshold || undefined,
          ...temporalOf(r),
          frameRate: r.fps || info.fps || undefined,
          concurrency: sessionsPerModel(core.options),
          framesDeclared: info.frameCount ?? 0,
          mediaDurationSec: info.durationSec ?? 0,
        }).pipe(finalize(() => void source.close()))),
    );
  });
}

/** The request's temporal options as groundVideo takes them (0 = the default). */
function temporalOf(r: CheckedVideoRequest): Pick<GroundVideoOptions, 'track' | 'segments'> {
  const t = r.temporal;
  if (!t) return {};
  const segments = t.segments ? { maxGapSec: t.maxGapSec || undefined, minDurationSec: t.minDurationSec || undefined } : false;
  return { track: t.track || t.segments, segments };
}
