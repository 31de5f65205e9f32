import { concat, defer, EMPTY, finalize, from, mergeMap, type Observable } from 'rxjs';
import { CaptionDetail, EventKind, type GroundingEvent, type QueryPlan } from '../core/events';
import type { Detector } from '../models/detector';
import type { Segmenter } from '../models/segmenter';
import type { Frame } from '../core/frame';
import { decodeRle } from '../grounding/masks';
import { annotateFrame, type RedactKind } from '../render';
import type { PartialVideoRequest } from '../core/video-request';
import { toConstrainedQuery, toLabelPhraseMap } from '../grounding/query';
import { groundVideo, type GroundVideoOptions } from '../pipeline/ground-video';
import { createTileGrid } from '../geo/tile-grid';
import { createTiledDetector } from '../pipeline/create-tiled-detector';
import { paced } from '../pipeline/paced';
import { GroundstreamError } from '../core/errors';
import { createLiveVideoSource, createVideoSource, createVideoWriter, isLiveInput, type VideoWriter } from '../sources/video';
import type { EngineCore, GroundVideoHooks } from './engine-core';
import { sessionsPerModel } from './sessions-per-model';
import { streamIdFor, toVideoRequest, type VideoRequest as CheckedVideoRequest } from './validate-request';

/** A video request, optionally tiled: the detector runs on overlapping tiles of full-resolution frames. */
export type VideoRequest = PartialVideoRequest & {
  tileSizePx?: number;
  overlapPx?: number;
  /** How a live source waits, reconnects and reports gaps (live requests and RTSP/HLS sources). */
  liveOptions?: { gapSec?: number; maxRetries?: number };
  /**
   * Writes the frames with boxes, masks, track ids and captions drawn (`.mp4`, `.webm`, `.gif`, or
   * `.png` for a still image), regions labelled face/person pixelated first when redacted. Frames
   * are then decoded at full size.
   */
  annotate?: { path: string; redact?: readonly RedactKind[] };
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
      const segmenter = r.masks || r.maskModel ? await core.segmenter(r.maskModel || undefined) : undefined;
      const { plan, componentClasses } = await planWithSegmenter(core, model, r.query, segmenter);
      const d = tiled ? createTiledDetector(model, { tileSizePx: request.tileSizePx!, overlapPx: request.overlapPx ?? Math.floor(request.tileSizePx! / 4) }) : model;
      const sourceId = r.streamId || streamIdFor(r.source);
      const live = r.live || isLiveInput(r.source);
      if (live && (r.startSec || r.endSec)) {
        throw new GroundstreamError('invalid_argument', r.source, `video input ${r.source}: startSec and endSec apply to files read as fast as they decode, not to a live source`);
      }
      // Full size when tiled, when annotating, or when the detector asks for it (0 × 0: a text
      // reader, an expert panel); the detector then fits each frame itself.
      const fullSize = tiled || request.annotate !== undefined || !d.inputFormat.width;
      const output = {
        width: fullSize ? undefined : d.inputFormat.width,
        height: fullSize ? undefined : d.inputFormat.height,
        fit: d.inputFormat.fit,
        layout: request.annotate ? 'rgb24' as const : d.inputFormat.layout,
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
      return { d, plan, source, info, segmenter, componentClasses, live };
    })()).pipe(
      mergeMap(({ d, plan, source, info, segmenter, componentClasses, live }) => defer(() => {
        const writer = request.annotate ? createAnnotatedWriter(request.annotate, r.fps || info.fps || 10) : undefined;
        const ready = hooks?.ready;
        const events = groundVideo(ready ? { frames: () => paced(source.frames(), ready) } : source, d, {
          streamId: source.sourceId,
          // A query only a segmenter grounds ("road") keeps no detector region.
          labelPhrase: plan.phrases.length ? toLabelPhraseMap(plan) : componentClasses.length ? new Map() : undefined,
          queryPlan: plan,
          scoreThreshold: r.scoreThreshold || undefined,
          ...temporalOf(r),
          frameRate: r.fps || info.fps || undefined,
          captions: CAPTION_DETAILS[r.captions],
          constraints: toConstrainedQuery(r.query)?.phrases,
          segmenter,
          componentClasses,
          onFrameEvents: writer?.write,
          // a file keeps one frame more than sessions in flight, its tensor waiting in the pool so a
          // session that finishes starts again at once; a live source keeps none waiting (latency)
          concurrency: sessionsPerModel(core.options) + (live ? 0 : 1),
          framesDeclared: info.frameCount ?? 0,
          mediaDurationSec: info.durationSec ?? 0,
        });
        // The annotated file is complete (ffmpeg exited) before the run completes.
        const closing = writer ? defer(async () => writer.close()).pipe(mergeMap(() => EMPTY)) : EMPTY;
        return concat(events, closing).pipe(finalize(() => {
          void source.close();
          void writer?.abort();
        }));
      })),
    );
  });
}

/**
 * The query's plan against the detector, and the segmenter classes it names that no detector
 * label covers (`road` with the road segmenter): those ground as regions of their own, so a query
 * naming only them is not refused.
 */
async function planWithSegmenter(core: EngineCore, detector: Detector, query: string, segmenter: Segmenter | undefined): Promise<{ plan: QueryPlan; componentClasses: string[] }> {
  const plan = segmenter ? await core.detectorPlan(query, detector.id) : core.groundableQuery(detector, query);
  if (!segmenter) return { plan, componentClasses: [] };
  const classOf = (word: string): string | undefined => {
    const w = word.toLowerCase();
    return segmenter.labels.slice(1).find((l) => l === w || `${l}s` === w || `${l}es` === w);
  };
  const componentClasses = [...new Set(plan.ungroundable.map(classOf).filter((c): c is string => c !== undefined && !detector.labels.includes(c)))];
  const plain = { ...plan, ungroundable: plan.ungroundable.filter((w) => classOf(w) === undefined) };
  if (componentClasses.length === 0) return { plan: core.groundableQuery(detector, query), componentClasses };
  return { plan: plain, componentClasses };
}

const CAPTION_DETAILS: Partial<Record<CaptionDetail, 'short' | 'medium' | 'long'>> = {
  [CaptionDetail.CAPTION_DETAIL_SHORT]: 'short',
  [CaptionDetail.CAPTION_DETAIL_MEDIUM]: 'medium',
  [CaptionDetail.CAPTION_DETAIL_LONG]: 'long',
};

/** An annotated-video writer fed frame by frame: it opens on the first frame, at its size. */
function createAnnotatedWriter(annotate: NonNullable<VideoRequest['annotate']>, fps: number) {
  let writer: VideoWriter | undefined;
  let closed = false;
  return {
    write: async (frame: Frame, events: readonly GroundingEvent[]): Promise<void> => {
      const event = events.find((e) => e.kind === EventKind.EVENT_KIND_FRAME);
      if (!event || frame.layout !== 'rgb24') return;
      writer ??= createVideoWriter(annotate.path, { width: frame.width, height: frame.height, fps });
      annotateFrame({ width: frame.width, height: frame.height, pixels: frame.pixels }, event.regions, {
        captions: event.captions.map((c) => c.text),
        redact: annotate.redact,
        decodeMask: (region) => (region.mask ? decodeRle(region.mask).mask : undefined),
        toSource: frame.toSource,
      });
      await writer.write(frame.pixels);
    },
    close: async (): Promise<void> => {
      closed = true;
      await writer?.close();
    },
    abort: async (): Promise<void> => {
      if (!closed) await writer?.abort();
    },
  };
}

/** The request's temporal options as groundVideo takes them (0 = the default). */
function temporalOf(r: CheckedVideoRequest): Pick<GroundVideoOptions, 'track' | 'segments'> {
  const t = r.temporal;
  if (!t) return {};
  const segments = t.segments ? { maxGapSec: t.maxGapSec || undefined, minDurationSec: t.minDurationSec || undefined } : false;
  return { track: t.track || t.segments, segments };
}
