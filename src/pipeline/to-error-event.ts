import { EventKind, type GroundingEvent } from '../core/events';
import { eventEnvelope } from './event-envelope';

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
    ...eventEnvelope(EventKind.EVENT_KIND_ERROR, streamId, `${streamId}:error:0`, now),
    error: { code: error.code, message: error.message, input: error.input },
  };
}
