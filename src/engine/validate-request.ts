import { GroundstreamError } from '../core/errors';
import type { GroundVideoRequest } from '../core/events';
import { withVideoRequestDefaults, type PartialVideoRequest } from '../core/video-request';

/** A video request with every field present and checked. */
export type VideoRequest = GroundVideoRequest;

/**
 * Fills defaults and checks the numbers of a video request; throws `invalid_argument` naming the
 * field and the value.
 */
export function toVideoRequest(request: PartialVideoRequest): VideoRequest {
  const r: VideoRequest = withVideoRequestDefaults(request);
  r.source = r.source.trim();
  const fail = (field: string, why: string): never => {
    throw new GroundstreamError('invalid_argument', r.source || field, `${field} ${why}`);
  };
  if (!r.source) fail('source', 'is required (a file path or URL)');
  const finite = (field: keyof VideoRequest) => {
    const v = r[field] as number;
    if (!Number.isFinite(v) || v < 0) fail(field, `must be a number ≥ 0, got ${v}`);
  };
  (['fps', 'scoreThreshold', 'startSec', 'endSec'] as const).forEach(finite);
  if (r.scoreThreshold > 1) fail('scoreThreshold', `must be in [0, 1], got ${r.scoreThreshold}`);
  if (r.temporal) {
    for (const field of ['maxGapSec', 'minDurationSec'] as const) {
      const v = r.temporal[field];
      if (!Number.isFinite(v) || v < 0) fail(`temporal.${field}`, `must be a number ≥ 0, got ${v}`);
    }
  }
  if (r.endSec > 0 && r.endSec <= r.startSec) fail('endSec', `must be after startSec (${r.startSec}), got ${r.endSec}`);
  return r;
}

/** A stream id from the source when the request has none: the file name or URL path, without extension. */
export function streamIdFor(source: string): string {
  const tail = source.replace(/[?#].*$/, '').split(/[\\/]/).filter(Boolean).pop() ?? 'stream';
  return tail.replace(/\.[^.]+$/, '') || 'stream';
}
