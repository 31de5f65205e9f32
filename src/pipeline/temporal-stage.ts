import { selectDetections, type Detections } from '../core/detections';
import { EventKind, Lifecycle, type Caption, type GroundingEvent, type ModelRef, type Region, type Segment as SegmentMessage } from '../core/events';
import { composeCaption, type CaptionDetail } from '../grounding/captions';
import type { QueryPhrase } from '../grounding/query';
import type { Frame } from '../core/frame';
import { selectByQuery } from '../grounding/select-by-query';
import { createSegmenter, DEFAULT_SEGMENT_OPTIONS, toSegmentCaption, type Segment, type SegmentEvent, type SegmentObservation, type SegmentOptions } from '../grounding/temporal';
import { createByteTracker, type ByteTrackOptions } from '../grounding/tracking';
import { eventEnvelope } from './event-envelope';
import { filterByConstraints, regionColour } from './filter-by-constraints';
import { roundTo, toFrameEvent } from './to-frame-event';

/** Options of {@link createTemporalStage}. */
export interface TemporalStageOptions {
  streamId: string;
  models: ModelRef[];
  modelId: string;
  /** label → query phrase; undefined keeps every label (phrase = label). */
  labelPhrase?: ReadonlyMap<string, string>;
  /** Regions below this score are reported only when they continue a track. */
  scoreThreshold: number;
  /** Track objects (ByteTrack): regions carry track ids. */
  track?: boolean | Partial<ByteTrackOptions>;
  /** Segment events per track and per query phrase (implies tracking). */
  segments?: boolean | Partial<SegmentOptions>;
  /** Query phrases with constraints (colour, text, count, relation) the regions must meet. */
  constraints?: readonly QueryPhrase[];
  /** A caption per frame event, composed from its regions at this detail. */
  captions?: CaptionDetail;
  /**
   * Frames per second reaching the stage (the sampling rate, else the source's): a track unseen for
   * the segments' maxGapSec (default 1 s) ends, so its frame count of misses follows from this
   * unless the track options set maxMisses.
   */
  frameRate?: number;
  now: () => Date;
  /** Wall clock in ms since the epoch, for the lag of live frames. */
  nowMs?: () => number;
}

/** The ordered, stateful part of grounding a video: tracking, segments, gaps, live status. */
export interface TemporalStage {
  /** The score a detector should run at: lower than the report threshold while tracking (ByteTrack's second stage). */
  readonly detectScoreThreshold: number;
  /** Events of one frame, in media order: a gap (if one came before it), the frame, segment changes. */
  onFrame(frame: Frame, detections: Detections): GroundingEvent[];
  /** End of the stream: the segments still open end. */
  finish(): GroundingEvent[];
}

const SEGMENT_LIFECYCLE: Record<SegmentEvent['lifecycle'], Lifecycle> = {
  new: Lifecycle.LIFECYCLE_NEW,
  update: Lifecycle.LIFECYCLE_UPDATE,
  end: Lifecycle.LIFECYCLE_END,
};

function optionsOf<T>(value: boolean | Partial<T> | undefined): Partial<T> | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? {} : value;
}

/** The frame's caption: colours read from the frame's own pixels inside each region's box. */
function captionOf(frame: Frame, event: GroundingEvent, detail: CaptionDetail, scoreThreshold: number): Caption {
  const colours = new Map<string, string>();
  for (const r of event.regions) {
    const colour = regionColour(frame, r);
    if (colour) colours.set(r.regionId, colour);
  }
  return composeCaption({ regions: event.regions, frameWidth: event.width, frameHeight: event.height, colours }, { detail, scoreThreshold });
}

function toSegmentMessage(s: Segment): SegmentMessage {
  return {
    segmentId: s.segmentId,
    key: s.key,
    trackId: s.trackId,
    label: s.label,
    phrase: s.phrase,
    startSec: s.startSec,
    endSec: s.endSec,
    startFrameIndex: s.startFrameIndex,
    endFrameIndex: s.endFrameIndex,
    frames: s.frames,
    bestScore: roundTo(s.bestScore, 4),
    bestFrameIndex: s.bestFrameIndex,
    bestSec: s.bestSec,
  };
}

/**
 * Creates the per-stream state that turns detections into tracked frame events and segment
 * events. One instance per run (state lives here, created on subscribe); frames must come in
 * media order.
 *
 * @example
 * const stage = createTemporalStage({ streamId: 'cam1', models, modelId, scoreThreshold: 0.3, segments: true, now });
 * const events = stage.onFrame(frame, await detector.detect(frame, { scoreThreshold: stage.detectScoreThreshold }));
 */
export function createTemporalStage(options: TemporalStageOptions): TemporalStage {
  const segmentOptions = optionsOf<SegmentOptions>(options.segments);
  let trackOptions = optionsOf<ByteTrackOptions>(options.track) ?? (segmentOptions ? {} : undefined);
  if (trackOptions && trackOptions.maxMisses === undefined && options.frameRate && options.frameRate > 0) {
    // Misses are counted in frames; at 2 fps ByteTrack's 30 would keep a lost track for 15 s and
    // hand its id to the next person who walks in.
    trackOptions = { ...trackOptions, maxMisses: Math.max(1, Math.round((segmentOptions?.maxGapSec ?? DEFAULT_SEGMENT_OPTIONS.maxGapSec) * options.frameRate)) };
  }
  const tracker = trackOptions ? createByteTracker(trackOptions) : undefined;
  const segmenter = segmentOptions ? createSegmenter(segmentOptions) : undefined;
  const nowMs = options.nowMs ?? (() => Date.now());
  const ctx = { streamId: options.streamId, models: options.models, modelId: options.modelId, now: options.now };
  const lowScore = trackOptions?.lowScore ?? 0.1;
  let segmentSeq = 0;
  let gapSeq = 0;
  let droppedTotal = 0;
  let mediaStartSec: number | undefined;
  let lastPtsSec = 0;

  const segmentEvent = (e: SegmentEvent, mediaEndSec?: number): GroundingEvent => {
    const s = e.segment;
    const region: Region = {
      regionId: s.regionId,
      box: s.bestXyxy.map((v) => roundTo(v, 2)),
      label: s.label,
      classId: 0,
      score: roundTo(s.bestScore, 4),
      phrase: s.phrase,
      trackId: s.trackId,
      modelId: options.modelId,
      nativeBox: [],
      tileId: '',
      text: '',
      polygon: [],
    };
    return {
      ...eventEnvelope(EventKind.EVENT_KIND_SEGMENT, options.streamId, `${options.streamId}:segment:${segmentSeq++}`, options.now),
      lifecycle: SEGMENT_LIFECYCLE[e.lifecycle],
      ptsSec: e.lifecycle === 'new' ? s.startSec : s.endSec,
      frameIndex: e.lifecycle === 'new' ? s.startFrameIndex : s.endFrameIndex,
      width: s.frameWidth,
      height: s.frameHeight,
      regions: [region],
      captions: e.lifecycle === 'end' ? [toSegmentCaption(s, { mediaStartSec, mediaEndSec })] : [],
      models: options.models,
      segment: toSegmentMessage(s),
    };
  };

  const gapEvent = (frame: Frame): GroundingEvent => {
    const g = frame.gapBefore!;
    return {
      ...eventEnvelope(EventKind.EVENT_KIND_GAP, options.streamId, `${options.streamId}:gap:${gapSeq++}`, options.now),
      ptsSec: roundTo(g.endPtsSec, 6),
      frameIndex: frame.index,
      width: frame.sourceWidth,
      height: frame.sourceHeight,
      models: options.models,
      gap: {
        startPtsSec: roundTo(g.startPtsSec, 6),
        endPtsSec: roundTo(g.endPtsSec, 6),
        wallSec: roundTo(g.wallSec, 3),
        mediaJumpSec: roundTo(g.mediaJumpSec, 3),
        reason: g.reason,
        reconnects: g.reconnects,
      },
    };
  };

  const observationsOf = (event: GroundingEvent): SegmentObservation[] => {
    const out: SegmentObservation[] = [];
    for (const r of event.regions) {
      const xyxy = r.box as [number, number, number, number];
      if (r.trackId > 0) out.push({ key: `track:${r.trackId}`, trackId: r.trackId, label: r.label, phrase: r.phrase, xyxy, score: r.score, regionId: r.regionId });
      out.push({ key: `phrase:${r.phrase || r.label}`, trackId: 0, label: r.label, phrase: r.phrase || r.label, xyxy, score: r.score, regionId: r.regionId });
    }
    return out;
  };

  return {
    detectScoreThreshold: tracker ? Math.min(lowScore, options.scoreThreshold) : options.scoreThreshold,

    onFrame(frame, detections) {
      const events: GroundingEvent[] = [];
      mediaStartSec ??= frame.ptsSec;
      if (frame.gapBefore) {
        events.push(gapEvent(frame));
        // Identities and segments do not carry across a gap: whatever is seen after it is new.
        tracker?.reset();
        if (segmenter) for (const e of segmenter.flush()) events.push(segmentEvent(e));
      }
      let dets = detections;
      if (tracker) {
        const tracked = tracker.update(detections).detections;
        const keep: number[] = [];
        for (let i = 0; i < tracked.score.length; i++) {
          if (tracked.score[i] >= options.scoreThreshold || (tracked.trackId?.[i] ?? 0) > 0) keep.push(i);
        }
        dets = selectDetections(tracked, keep);
      }
      let frameEvent = toFrameEvent(frame, selectByQuery(dets, options.labelPhrase), ctx);
      if (options.constraints?.length) frameEvent = filterByConstraints(frame, frameEvent, options.constraints);
      if (frame.arrivalMs !== undefined) {
        frameEvent.arrivalTime = new Date(frame.arrivalMs).toISOString();
        droppedTotal += frame.droppedBefore ?? 0;
        frameEvent.live = { droppedFrames: frame.droppedBefore ?? 0, droppedTotal, lagSec: roundTo(Math.max(0, nowMs() - frame.arrivalMs) / 1000, 3) };
      }
      if (options.captions && frameEvent.regions.length > 0) frameEvent.captions = [captionOf(frame, frameEvent, options.captions, options.scoreThreshold)];
      events.push(frameEvent);
      lastPtsSec = frame.ptsSec;
      if (segmenter) {
        const changes = segmenter.observe({ index: frame.index, ptsSec: frame.ptsSec, width: frame.sourceWidth, height: frame.sourceHeight }, observationsOf(frameEvent));
        for (const e of changes) events.push(segmentEvent(e));
      }
      return events;
    },

    finish() {
      if (!segmenter) return [];
      return segmenter.flush().map((e) => segmentEvent(e, lastPtsSec));
    },
  };
}
