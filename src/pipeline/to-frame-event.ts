import type { Detections } from '../core/detections';
import { EventKind, type GroundingEvent, type ModelRef } from '../core/events';
import { eventEnvelope } from './event-envelope';
import type { Frame } from '../core/frame';

/** Rounds to `digits` decimals; keeps JSON lines short without losing meaningful precision. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** What every frame event of a run shares. */
export interface FrameEventContext {
  streamId: string;
  models: ModelRef[];
  modelId: string;
  /** Clock for `wallTime`; injected so tests are deterministic. */
  now: () => Date;
}

/**
 * Builds the frame event of one frame: media time, index, source size and one region per
 * detection (box `xyxy` in source pixels, 2 decimals; score, 4 decimals).
 */
export function toFrameEvent(frame: Frame, dets: Detections, ctx: FrameEventContext): GroundingEvent {
  const regions = dets.label.map((label, i) => ({
    regionId: `f${frame.index}r${i}`,
    box: Array.from(dets.xyxy.subarray(i * 4, i * 4 + 4), (v) => roundTo(v, 2)),
    label,
    classId: dets.classId[i],
    score: roundTo(dets.score[i], 4),
    phrase: dets.phrase?.[i] ?? '',
    trackId: dets.trackId?.[i] ?? 0,
    modelId: ctx.modelId,
    nativeBox: [],
    tileId: '',
    text: dets.text?.[i] ?? '',
    polygon: dets.polygon?.[i]?.map((v) => roundTo(v, 2)) ?? [],
  }));
  return {
    ...eventEnvelope(EventKind.EVENT_KIND_FRAME, ctx.streamId, `${ctx.streamId}:frame:${frame.index}`, ctx.now),
    ptsSec: roundTo(frame.ptsSec, 6),
    frameIndex: frame.index,
    width: frame.sourceWidth,
    height: frame.sourceHeight,
    regions,
    models: ctx.models,
  };
}
