import { concat, concatMap, defer, from, Observable, of, tap } from 'rxjs';
import { EventKind, type GroundingEvent, type QueryPlan } from '../core/events';
import type { Frame } from '../core/frame';
import type { CaptionDetail } from '../grounding/captions';
import type { QueryPhrase } from '../grounding/query';
import type { SegmentOptions } from '../grounding/temporal';
import type { ByteTrackOptions } from '../grounding/tracking';
import type { Detector } from '../models/detector';
import { eventEnvelope } from './event-envelope';
import { pullMap } from './pull-map';
import type { Segmenter } from '../models/segmenter';
import { attachMasks } from './attach-masks';
import { createTemporalStage } from './temporal-stage';
import { roundTo } from './to-frame-event';

/** Anything that yields frames on demand: a video decoder, an image list, a test fixture. */
export interface FrameSource {
  frames(): AsyncIterable<Frame>;
}

/** Options of {@link groundVideo}. */
export interface GroundVideoOptions {
  streamId: string;
  /** label → query phrase; undefined keeps every label. */
  labelPhrase?: ReadonlyMap<string, string>;
  /** Reported in the summary event. */
  queryPlan?: QueryPlan;
  scoreThreshold?: number;
  /** Track objects across frames (ByteTrack): regions carry track ids unique within the stream. */
  track?: boolean | Partial<ByteTrackOptions>;
  /** Segment events (new/update/end) per track and per query phrase; implies tracking. */
  segments?: boolean | Partial<SegmentOptions>;
  /** A caption per frame event composed from its regions: `short`, `medium` or `long`. */
  captions?: CaptionDetail;
  /** Query phrases with constraints (colour, text, count, relation) the regions must meet. */
  constraints?: readonly QueryPhrase[];
  /** Segmenter classes no detector covers, grounded as regions of their own (see attachMasks). */
  componentClasses?: readonly string[];
  /** Segments each frame too and gives regions masks (see attachMasks). */
  segmenter?: Segmenter;
  /**
   * Called in media order with each frame and the events it produced, before they are emitted
   * (an annotated-video writer); the next frame waits for it.
   */
  onFrameEvents?(frame: Frame, events: readonly GroundingEvent[]): Promise<void>;
  /** Frames per second reaching the pipeline (sampling rate, else the source's), for tracking in time units. */
  frameRate?: number;
  /** Frames in inference at once (one per model session). */
  concurrency?: number;
  /** What the container declares, for the summary. */
  framesDeclared?: number;
  mediaDurationSec?: number;
  now?: () => Date;
  /** Monotonic milliseconds, for throughput only. */
  clockMs?: () => number;
  /** Wall clock (ms since the epoch), for the lag of live frames. */
  nowMs?: () => number;
}

/**
 * Grounds a query in a video: one frame event per decoded frame (regions in source pixels, each
 * with the query phrase it answers, and a track id when tracking), segment events as tracks and
 * phrases come and go, a gap event where a live source missed media, then one summary event. Frames are pulled only as inference
 * frees a slot, so decoding runs ahead into the source's bounded buffer and no further.
 *
 * @example
 * groundVideo(createVideoSource('clip.mp4', detector.inputFormat), detector, { streamId: 'cam1' })
 *   .subscribe((event) => console.log(event.ptsSec, event.regions.length));
 */
export function groundVideo(source: FrameSource, detector: Detector, options: GroundVideoOptions): Observable<GroundingEvent> {
  const now = options.now ?? (() => new Date());
  const clockMs = options.clockMs ?? (() => performance.now());
  const segmenter = options.segmenter;
  const models = [{ id: detector.id, version: detector.version }, ...(segmenter ? [{ id: segmenter.id, version: segmenter.version }] : [])];
  return defer(() => {
    const labelCounts: Record<string, number> = {};
    let frames = 0;
    const startMs = clockMs();
    const stage = createTemporalStage({
      streamId: options.streamId,
      models,
      modelId: detector.id,
      labelPhrase: options.labelPhrase,
      scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
      track: options.track,
      segments: options.segments,
      frameRate: options.frameRate,
      captions: options.captions,
      constraints: options.constraints,
      now,
      nowMs: options.nowMs,
    });
    const frameEvents = pullMap(
      () => source.frames(),
      async (frame: Frame) => {
        const [dets, semantic] = await Promise.all([
          detector.detect(frame, { scoreThreshold: stage.detectScoreThreshold }),
          options.segmenter?.segment(frame),
        ]);
        return { frame, dets, semantic };
      },
      options.concurrency ?? 1,
    ).pipe(
      concatMap(({ frame, dets, semantic }) => from((async () => {
        let events = stage.onFrame(frame, dets);
        if (semantic && segmenter) {
          events = events.map((e) => (e.kind === EventKind.EVENT_KIND_FRAME ? attachMasks(e, semantic, { labels: segmenter.labels, modelId: segmenter.id, componentClasses: options.componentClasses }) : e));
        }
        await options.onFrameEvents?.(frame, events);
        return events;
      })()).pipe(concatMap((events) => from(events)))),
      tap((event) => {
        if (event.kind !== EventKind.EVENT_KIND_FRAME) return;
        frames++;
        for (const r of event.regions) labelCounts[r.label] = (labelCounts[r.label] ?? 0) + 1;
      }),
    );
    const finish = defer(() => from(stage.finish()));
    const summary = defer(() => {
      const elapsedSec = (clockMs() - startMs) / 1000;
      const event: GroundingEvent = {
        ...eventEnvelope(EventKind.EVENT_KIND_SUMMARY, options.streamId, `${options.streamId}:summary:0`, now),
        models,
        query: options.queryPlan,
        summary: {
          frames,
          framesDeclared: options.framesDeclared ?? 0,
          elapsedSec: roundTo(elapsedSec, 3),
          framesPerSec: elapsedSec > 0 ? roundTo(frames / elapsedSec, 2) : 0,
          labelCounts,
          mediaDurationSec: roundTo(options.mediaDurationSec ?? 0, 3),
        },
      };
      return of(event);
    });
    return concat(frameEvents, finish, summary);
  });
}
