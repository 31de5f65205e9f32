import { BoxFormat, Lifecycle, type EventKind, type GroundingEvent } from '../core/events';

/**
 * An event with every envelope field set to its empty value, so each producer fills only what its
 * kind carries and every event has the same shape in JSON.
 */
export function eventEnvelope(kind: EventKind, streamId: string, eventId: string, now: () => Date): GroundingEvent {
  return {
    eventId,
    streamId,
    sceneId: '',
    kind,
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
    tileId: '',
    notes: [],
  };
}
