import type { FrameGap } from '../../core/frame';

/** What is known about two frames that arrived one after the other from a live source. */
export interface GapInput {
  /** Media time of the earlier frame and of this one, as delivered (after any rebase). */
  startPtsSec: number;
  endPtsSec: number;
  /** Wall-clock seconds between their arrivals. */
  wallSec: number;
  /** The usual time between frames (1/fps). */
  frameIntervalSec: number;
  /** Wall-clock seconds without a frame that make a gap. */
  gapSec: number;
  /** Times the source was reopened between the two frames. */
  reconnects: number;
  /**
   * The media step as the stream gave it, when it differs from `endPtsSec - startPtsSec`: a stream
   * whose time went back is rebased to run on, and this keeps the (negative) step it really took.
   */
  rawStepSec?: number;
}

const PRIORITY: Record<FrameGap['reason'], number> = { reconnect: 3, stall: 2, media_jump: 1 };

/** Rounds to microseconds: below any frame interval, and it keeps float noise out of reports. */
function roundUs(sec: number): number {
  const r = Math.round(sec * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

/**
 * The media jump beyond which a step of media time counts as a gap: 1 s, or three frame intervals
 * for streams slower than 3 fps, so that a slow camera's usual step is never taken for a jump.
 */
export function mediaJumpThresholdSec(frameIntervalSec: number): number {
  return Math.max(1, 3 * frameIntervalSec);
}

/**
 * Whether the second of two arrived frames follows a gap, and which. A reopened source always makes
 * a `reconnect` gap; otherwise more than `gapSec` of wall clock without a frame makes a `stall`, and
 * a step of media time more than `mediaJumpThresholdSec` beyond one frame interval (forwards, as when
 * ffmpeg's HLS reader skips a segment it could not fetch, or backwards) makes a `media_jump`.
 * `mediaJumpSec` is the media time skipped beyond one interval: 0 when media time ran on, negative
 * when the stream's time went back. Undefined when there is no gap.
 */
export function classifyGap(o: GapInput): FrameGap | undefined {
  const step = o.rawStepSec ?? o.endPtsSec - o.startPtsSec;
  const beyond = step - o.frameIntervalSec;
  const mediaJumpSec = step < 0 ? roundUs(beyond) : roundUs(Math.max(0, beyond));
  let reason: FrameGap['reason'] | undefined;
  if (o.reconnects > 0) reason = 'reconnect';
  else if (o.wallSec > o.gapSec) reason = 'stall';
  else if (Math.abs(beyond) > mediaJumpThresholdSec(o.frameIntervalSec)) reason = 'media_jump';
  if (reason === undefined) return undefined;
  return {
    startPtsSec: o.startPtsSec,
    endPtsSec: o.endPtsSec,
    wallSec: roundUs(Math.max(0, o.wallSec)),
    mediaJumpSec,
    reason,
    reconnects: o.reconnects,
  };
}

/**
 * The gap to report on `onto` when the frame that carried `gap` was dropped before delivery: the
 * consumer must still learn of it. Spans from the dropped gap's start to `onto`; times and reconnects
 * add up when `onto` has a gap of its own, and the stronger reason (reconnect, stall, media jump) wins.
 */
export function carryGap(gap: FrameGap, onto: { ptsSec: number; gapBefore?: FrameGap }): FrameGap {
  const own = onto.gapBefore;
  return {
    startPtsSec: gap.startPtsSec,
    endPtsSec: onto.ptsSec,
    wallSec: roundUs(gap.wallSec + (own?.wallSec ?? 0)),
    mediaJumpSec: roundUs(gap.mediaJumpSec + (own?.mediaJumpSec ?? 0)),
    reason: own && PRIORITY[own.reason] > PRIORITY[gap.reason] ? own.reason : gap.reason,
    reconnects: gap.reconnects + (own?.reconnects ?? 0),
  };
}
