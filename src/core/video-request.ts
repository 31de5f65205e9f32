import { CaptionDetail, type GroundVideoRequest, type TemporalOptions } from './gen/groundstream/v1/grounding_service';

/** A video request as callers may give it: any field left out, temporal options in part. */
export type PartialVideoRequest = Partial<Omit<GroundVideoRequest, 'temporal'>> & { temporal?: Partial<TemporalOptions> | null };

/** A video request with every field present: proto3 defaults ('' and 0) for the ones missing. */
export function withVideoRequestDefaults(request: PartialVideoRequest): GroundVideoRequest {
  const t = request.temporal;
  return {
    source: request.source ?? '',
    query: request.query ?? '',
    fps: request.fps ?? 0,
    scoreThreshold: request.scoreThreshold ?? 0,
    startSec: request.startSec ?? 0,
    endSec: request.endSec ?? 0,
    model: request.model ?? '',
    streamId: request.streamId ?? '',
    live: request.live ?? false,
    captions: request.captions ?? CaptionDetail.CAPTION_DETAIL_UNSPECIFIED,
    masks: request.masks ?? false,
    maskModel: request.maskModel ?? '',
    // A message field left unset arrives as null from the wire: absent, as in proto3 JSON.
    ...(t ? { temporal: { track: t.track ?? false, segments: t.segments ?? false, maxGapSec: t.maxGapSec ?? 0, minDurationSec: t.minDurationSec ?? 0 } } : {}),
  };
}
