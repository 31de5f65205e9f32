export { formatMediaTime } from './format-media-time';
export { toSegmentCaption, type FrameEdge, type SegmentCaptionOptions } from './segment-caption';
export {
  createSegmenter,
  DEFAULT_SEGMENT_OPTIONS,
  type Segment,
  type SegmentEvent,
  type SegmentFrame,
  type SegmentLifecycle,
  type SegmentObservation,
  type SegmentOptions,
  type Segmenter,
  type Xyxy,
} from './segmenter';
export {
  formatSrtTime,
  formatWebVttTime,
  MIN_CUE_DURATION_SEC,
  toSrt,
  toWebVtt,
  toWebVttMetadata,
  type MetadataCue,
  type TimedCue,
  type WebVttOptions,
} from './timed-text';
