/**
 * Pixel layouts a frame buffer may carry. `rgb24`/`bgr24` are packed (HWC, 3 bytes a pixel);
 * `gbrp` is planar (three full planes in the order G, B, R, as ffmpeg writes it).
 */
export type PixelLayout = 'rgb24' | 'bgr24' | 'gbrp';

/**
 * How buffer pixels map back to source pixels: `xSource = (xBuffer - offsetX) / scaleX`.
 * A plain resize has offsets 0; a letterbox has one scale for both axes and the padding offset.
 */
export interface BufferToSource {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

/** The identity mapping: the buffer is the source frame at full size. */
export const IDENTITY_TO_SOURCE: BufferToSource = Object.freeze({ scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 });

/**
 * One decoded image with its place in the media. The buffer may already be scaled (and
 * letterboxed) to a model's input size; `toSource` says how to map its pixels back.
 */
export interface Frame {
  sourceId: string;
  /** Index of the frame in the source, from 0 at the start of the media. */
  index: number;
  /** Media time in seconds from the start of the media (from the stream's PTS, never the wall clock). */
  ptsSec: number;
  /** Buffer size in pixels. */
  width: number;
  height: number;
  layout: PixelLayout;
  pixels: Uint8Array;
  /** Size of the source frame in pixels, after rotation metadata is applied. */
  sourceWidth: number;
  sourceHeight: number;
  toSource: BufferToSource;
  /**
   * Wall-clock time (ms since the Unix epoch) at which the frame arrived from a live source or a
   * source played at its own rate; absent for files read as fast as they decode.
   */
  arrivalMs?: number;
  /** Frames a live source dropped (newest kept) between the previous delivered frame and this one. */
  droppedBefore?: number;
  /** Set on the first frame after a gap in a live source: what happened in between. */
  gapBefore?: FrameGap;
}

/** A stretch of a live source with no frames, reported on the first frame after it. */
export interface FrameGap {
  /** Media time of the last frame before the gap and of the first one after it (this frame). */
  startPtsSec: number;
  endPtsSec: number;
  /** Wall-clock seconds with no frame arriving. */
  wallSec: number;
  /**
   * Media time skipped beyond one frame interval (0 when media time ran on without a jump;
   * negative when the source's time went back, which the source then moves forward past the gap).
   */
  mediaJumpSec: number;
  /** `stall` (no frame for longer than gapSec), `reconnect` (the source was opened again) or `media_jump`. */
  reason: 'stall' | 'reconnect' | 'media_jump';
  /** Times the source was reopened during the gap. */
  reconnects: number;
}

/** Maps a buffer x coordinate to the source frame. */
export function toSourceX(t: BufferToSource, xBuffer: number): number {
  return (xBuffer - t.offsetX) / t.scaleX;
}

/** Maps a buffer y coordinate to the source frame. */
export function toSourceY(t: BufferToSource, yBuffer: number): number {
  return (yBuffer - t.offsetY) / t.scaleY;
}
