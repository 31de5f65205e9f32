/**
 * The event contract, generated from proto/groundstream/v1 (do not hand-edit the generated
 * files: run `npm run proto:generate`). Events are plain data whose JSON form is proto3 JSON.
 */
export {
  BoxFormat,
  EventKind,
  Lifecycle,
  type Caption,
  type CaptionSpan,
  type EventError,
  type GeoReference,
  type GroundingEvent,
  type PixelWindow,
  type LabelMatch,
  type ModelRef,
  type PhrasePlan,
  type QueryPlan,
  type Region,
  type RunSummary,
} from './gen/groundstream/v1/events';
export {
  BboxCrs,
  MergeMode,
  type BoundingBox,
  type GroundRasterRequest,
  type GroundVideoRequest,
  type QueryRegionRequest,
} from './gen/groundstream/v1/grounding_service';
