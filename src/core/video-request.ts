import type { GroundVideoRequest } from './gen/groundstream/v1/grounding_service';

/** A video request with every field present: proto3 defaults ('' and 0) for the ones missing. */
export function withVideoRequestDefaults(request: Partial<GroundVideoRequest>): GroundVideoRequest {
  return {
    source: request.source ?? '',
    query: request.query ?? '',
    fps: request.fps ?? 0,
    scoreThreshold: request.scoreThreshold ?? 0,
    startSec: request.startSec ?? 0,
    endSec: request.endSec ?? 0,
    model: request.model ?? '',
    streamId: request.streamId ?? '',
  };
}
