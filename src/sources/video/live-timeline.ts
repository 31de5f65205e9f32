import type { FrameGap } from '../../core/frame';
import { classifyGap, mediaJumpThresholdSec } from './frame-gap';

/** Settings of a LiveTimeline. */
export interface LiveTimelineOptions {
  /** Wall-clock seconds without a frame that make a gap. */
  gapSec: number;
  /** The stream's frame rate; 0 when unknown (the interval is then learnt from the frames). */
  fps: number;
}

/** Where a frame lands on the source's timeline. */
export interface PlacedFrame {
  ptsSec: number;
  index: number;
  gapBefore?: FrameGap;
}

interface LastFrame {
  ptsSec: number;
  index: number;
  arrivalMs: number;
  rawPtsSec: number;
}

/** Rounds to microseconds, as the frame reader does. */
function roundUs(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}

/** Used for the frame interval while neither the frame rate nor a step between frames is known. */
const FALLBACK_INTERVAL_SEC = 0.04;

/**
 * The media timeline of a live source across its connections, fed every frame as it arrives (before
 * any is dropped). Each connection's ffmpeg measures time its own way: an RTSP camera restarts its
 * clock, an HLS reader starts three segments before the live edge. So after a reopening, the first
 * frame is placed one wall-clock gap after the last frame seen (at least one frame interval), and
 * the frames after it keep their own steps; indices go on from the last one. A reopening that
 * resumes a seekable input where it stopped (`reopened(true)`) keeps the stream's own times.
 * Within a connection, time that goes back is rebased the same way, so media time never decreases.
 */
export class LiveTimeline {
  private last: LastFrame | undefined;
  private offsetSec = 0;
  private indexOffset = 0;
  private reconnects = 0;
  private rebaseNext = false;
  private learntIntervalSec: number | undefined;

  constructor(private readonly options: LiveTimelineOptions) {}

  /** The usual time between frames: 1/fps, else the last step seen. */
  get frameIntervalSec(): number {
    if (this.options.fps > 0) return 1 / this.options.fps;
    return this.learntIntervalSec ?? FALLBACK_INTERVAL_SEC;
  }

  /** The source was opened again; `resumed` when it goes on at the stream's own time where it stopped. */
  reopened(resumed = false): void {
    this.reconnects++;
    if (!resumed) this.rebaseNext = true;
  }

  /**
   * Places a frame that arrived at `arrivalMs` (wall clock) with its connection's own time and index,
   * and says whether a gap came before it.
   */
  place(rawPtsSec: number, rawIndex: number, arrivalMs: number): PlacedFrame {
    const last = this.last;
    if (!last) {
      // Media time starts at the stream's own time, but never below 0.
      this.offsetSec = rawPtsSec < 0 ? -rawPtsSec : 0;
      this.rebaseNext = false;
      this.reconnects = 0;
      return this.remember(rawPtsSec, rawIndex, arrivalMs, undefined);
    }
    const wallSec = Math.max(0, (arrivalMs - last.arrivalMs) / 1000);
    const interval = this.frameIntervalSec;
    let rawStepSec: number | undefined;
    if (this.rebaseNext) {
      this.offsetSec = last.ptsSec + Math.max(wallSec, interval) - rawPtsSec;
      this.indexOffset = last.index + 1 - rawIndex;
      this.rebaseNext = false;
    } else {
      const step = rawPtsSec + this.offsetSec - last.ptsSec;
      if (step < 0) {
        rawStepSec = step;
        this.offsetSec = last.ptsSec + Math.max(wallSec, interval) - rawPtsSec;
      } else if (step > 0 && step <= mediaJumpThresholdSec(interval)) {
        this.learntIntervalSec = step;
      }
    }
    const ptsSec = roundUs(rawPtsSec + this.offsetSec);
    const gapBefore = classifyGap({
      startPtsSec: last.ptsSec,
      endPtsSec: ptsSec,
      wallSec,
      frameIntervalSec: interval,
      gapSec: this.options.gapSec,
      reconnects: this.reconnects,
      rawStepSec,
    });
    this.reconnects = 0;
    return this.remember(rawPtsSec, Math.max(last.index + 1, rawIndex + this.indexOffset), arrivalMs, gapBefore);
  }

  /** The connection's own time of the last frame placed; undefined before the first. */
  get lastRawPtsSec(): number | undefined {
    return this.last?.rawPtsSec;
  }

  private remember(rawPtsSec: number, index: number, arrivalMs: number, gapBefore: FrameGap | undefined): PlacedFrame {
    const ptsSec = roundUs(rawPtsSec + this.offsetSec);
    this.last = { ptsSec, index, arrivalMs, rawPtsSec };
    return gapBefore ? { ptsSec, index, gapBefore } : { ptsSec, index };
  }
}
