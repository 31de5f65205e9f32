import { BoxFormat, EventKind, Lifecycle, type GroundingEvent } from '../core/events';

/** What an error event says: a stable code, the message and the input it is about. */
export interface ErrorLike {
  code: string;
  message: string;
  input: string;
}

/**
 * The error event that closes a run that failed, so that JSON Lines readers see why the stream
 * stopped after the frames it has.
 */
export function toErrorEvent(error: ErrorLike, streamId: string, now: () => Date = () => new Date()): GroundingEvent {
  return {
    eventId: `${streamId}:error:0`,
    streamId,
    sceneId: '',
    kind: EventKind.EVENT_KIND_ERROR,
    lifecycle: Lifecycle.LIFECYCLE_UNSPECIFIED,
    ptsSec: 0,
    wallTime: now().toISOString(),
    frameIndex: 0,
    width: 0,
    height: 0,
    boxFormat: BoxFormat.BOX_FORMAT_XYXY,
    regions: [],
    captions: [],
    models: [],
    error: { code: error.code, message: error.message, input: error.input },
  };
}
