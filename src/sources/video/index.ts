/** Video input: the only place that runs ffmpeg/ffprobe. */
export { findFfmpeg, type FfmpegLocateOptions, type FfmpegOrigin, type FfmpegPaths } from './find-ffmpeg';
export { probeVideo, type ProbeOptions } from './probe-video';
export { createVideoSource, type VideoSource, type VideoSourceOptions, type VideoSourceStats } from './create-video-source';
export {
  createLiveVideoSource,
  type LiveVideoSource,
  type LiveVideoSourceOptions,
  type LiveVideoSourceStats,
  type ReconnectPolicy,
} from './create-live-video-source';
export { isLiveInput, type LiveInputHints } from './live-input';
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export type { FitMode } from './output-geometry';
export type { Rational, VideoInfo } from './video-info';
export { createVideoWriter, type VideoWriter, type VideoWriterFormat, type VideoWriterOptions } from './create-video-writer';
