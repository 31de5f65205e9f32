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
}

/** Maps a buffer x coordinate to the source frame. */
export function toSourceX(t: BufferToSource, xBuffer: number): number {
  return (xBuffer - t.offsetX) / t.scaleX;
}

/** Maps a buffer y coordinate to the source frame. */
export function toSourceY(t: BufferToSource, yBuffer: number): number {
  return (yBuffer - t.offsetY) / t.scaleY;
}
