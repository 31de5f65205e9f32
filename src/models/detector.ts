import type { Detections } from '../core/detections';
import type { Frame, PixelLayout } from '../core/frame';

/** The frame buffer a detector wants; sources that can scale (ffmpeg) deliver exactly this. */
export interface DetectorInputFormat {
  width: number;
  height: number;
  layout: PixelLayout;
  fit: 'letterbox' | 'stretch';
  padValue: number;
}

/** Per-call detection options. */
export interface DetectOptions {
  scoreThreshold?: number;
}

/** A model family's adapter: preprocess → run → postprocess, boxes in source pixels. */
export interface Detector {
  readonly id: string;
  /** The weights' sha256, so events can name exactly which model produced them. */
  readonly version: string;
  readonly labels: readonly string[];
  readonly inputFormat: DetectorInputFormat;
  readonly defaultScoreThreshold: number;
  /** The imagery it was trained on, when known: a ground-level model on overhead scenes finds little. */
  readonly domain?: 'ground-level' | 'overhead';
  detect(frame: Frame, options?: DetectOptions): Promise<Detections>;
  dispose(): Promise<void>;
}
