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
  type DropNotice,
  type EventError,
  type GeoReference,
  type GroundingEvent,
  type PixelWindow,
  type LabelMatch,
  type ModelRef,
  type PhrasePlan,
  type QueryPlan,
  type Region,
  type RleMask,
  type RunSummary,
} from './gen/groundstream/v1/events';
export {
  BackpressurePolicy,
  BboxCrs,
  MergeMode,
  StreamState,
  type BoundingBox,
  type GroundRasterRequest,
  type GroundVideoRequest,
  type ListStreamsRequest,
  type ListStreamsResponse,
  type QueryRegionRequest,
  type SessionAck,
  type SessionRequest,
  type SessionResponse,
  type StartStreamRequest,
  type StopStreamRequest,
  type StreamInfo,
  type SubscribeRequest,
  type SubscriptionFilter,
} from './gen/groundstream/v1/grounding_service';
