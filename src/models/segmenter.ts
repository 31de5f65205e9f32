import type { Frame } from '../core/frame';

/**
 * A semantic segmentation of one frame: a class index per source pixel, row-major, at the size of
 * the source frame (`frame.sourceWidth × frame.sourceHeight`).
 */
export interface SemanticMask {
  width: number;
  height: number;
  /** Class index of each pixel (index into `labels`); row-major. */
  classes: Uint8Array;
  labels: readonly string[];
}

/** A model family's semantic segmentation adapter: preprocess → run → postprocess. */
export interface Segmenter {
  readonly id: string;
  /** The weights' sha256. */
  readonly version: string;
  /** Class names by index; index 0 is the background where the model has one. */
  readonly labels: readonly string[];
  /** Segments a frame of any size and layout; the mask covers the source frame. */
  segment(frame: Frame): Promise<SemanticMask>;
  dispose(): Promise<void>;
}
