/**
 * Stable error codes. Each names a reason a user can act on; the gRPC server maps them to
 * status codes and the CLI to exit messages.
 */
export type ErrorCode =
  | 'input_not_found'
  | 'not_a_video'
  | 'truncated'
  | 'decode_failed'
  | 'ffmpeg_missing'
  | 'model_not_found'
  | 'model_checksum_mismatch'
  | 'model_download_failed'
  | 'model_input_mismatch'
  | 'provider_unavailable'
  | 'invalid_argument'
  | 'nothing_groundable'
  | 'internal'
  | 'not_a_raster'
  | 'not_georeferenced'
  | 'unsupported_crs'
  | 'outside_crs_domain'
  | 'raster_too_large'
  | 'remote_failed'
  | 'permission_denied'
  | 'unauthenticated'
  | 'resource_exhausted'
  | 'already_exists'
  | 'stream_not_found'
  | 'failed_precondition'
  | 'source_unavailable';

/** An error that names its input and a reason. `input` is a path, URL or model id. */
export class GroundstreamError extends Error {
  readonly code: ErrorCode;
  readonly input: string;

  constructor(code: ErrorCode, input: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GroundstreamError';
    this.code = code;
    this.input = input;
  }
}

/** True for a GroundstreamError, optionally with the given code. */
export function isGroundstreamError(e: unknown, code?: ErrorCode): e is GroundstreamError {
  return e instanceof GroundstreamError && (code === undefined || e.code === code);
}
