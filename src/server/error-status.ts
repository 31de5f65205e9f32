import { Metadata, status as Status } from '@grpc/grpc-js';
import { isGroundstreamError, type ErrorCode } from '../core/errors';
import { QueueOverflowError } from './stream-bridge';

/** Trailing metadata key holding the GroundstreamError code (e.g. "truncated"). */
export const ERROR_CODE_METADATA_KEY = 'groundstream-error-code';
/** Trailing metadata key holding the input the error is about, percent-encoded like grpc-message. */
export const ERROR_INPUT_METADATA_KEY = 'groundstream-error-input';

/**
 * gRPC status per error code. A Record, so a new ErrorCode does not compile until it is mapped.
 * A missing ffmpeg or execution provider is FAILED_PRECONDITION, not UNAVAILABLE: UNAVAILABLE tells
 * clients to retry, and no retry helps until someone installs the missing piece on the server.
 */
const STATUS_BY_CODE: Readonly<Record<ErrorCode, Status>> = {
  input_not_found: Status.NOT_FOUND,
  model_not_found: Status.NOT_FOUND,
  invalid_argument: Status.INVALID_ARGUMENT,
  nothing_groundable: Status.INVALID_ARGUMENT,
  not_a_video: Status.INVALID_ARGUMENT,
  truncated: Status.DATA_LOSS,
  ffmpeg_missing: Status.FAILED_PRECONDITION,
  provider_unavailable: Status.FAILED_PRECONDITION,
  decode_failed: Status.INTERNAL,
  model_checksum_mismatch: Status.INTERNAL,
  model_download_failed: Status.INTERNAL,
  model_input_mismatch: Status.INTERNAL,
  internal: Status.INTERNAL,
  not_a_raster: Status.INVALID_ARGUMENT,
  not_georeferenced: Status.FAILED_PRECONDITION,
  unsupported_crs: Status.UNIMPLEMENTED,
  outside_crs_domain: Status.OUT_OF_RANGE,
  raster_too_large: Status.RESOURCE_EXHAUSTED,
  remote_failed: Status.UNAVAILABLE,
  permission_denied: Status.PERMISSION_DENIED,
  unauthenticated: Status.UNAUTHENTICATED,
  resource_exhausted: Status.RESOURCE_EXHAUSTED,
  already_exists: Status.ALREADY_EXISTS,
  stream_not_found: Status.NOT_FOUND,
  failed_precondition: Status.FAILED_PRECONDITION,
  source_unavailable: Status.UNAVAILABLE,
};

/** The gRPC status for a GroundstreamError code; INTERNAL for a code it does not know. */
export function grpcStatusFor(code: ErrorCode): Status {
  return Object.hasOwn(STATUS_BY_CODE, code) ? STATUS_BY_CODE[code] : Status.INTERNAL;
}

/** Percent-encodes what may not go in an ASCII header value (and '%' itself), as grpc-message does. */
export function percentEncodeHeaderValue(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A failure that names its gRPC status itself, for what the server decides (e.g. UNIMPLEMENTED). */
export class CallStatusError extends Error {
  readonly code: Status;

  constructor(code: Status, message: string) {
    super(message);
    this.name = 'CallStatusError';
    this.code = code;
  }
}

/** A status grpc-js sends when a server stream emits it as an 'error'. */
export interface ErrorStatus {
  code: Status;
  details: string;
  metadata: Metadata;
}

/**
 * Maps a failure to the status a client sees: the code from the GroundstreamError code (see the
 * table), details = the message, and the error code and input in trailing metadata.
 */
export function toErrorStatus(error: unknown): ErrorStatus {
  const metadata = new Metadata();
  if (isGroundstreamError(error)) {
    metadata.set(ERROR_CODE_METADATA_KEY, error.code);
    if (error.input) metadata.set(ERROR_INPUT_METADATA_KEY, percentEncodeHeaderValue(error.input));
    return { code: grpcStatusFor(error.code), details: error.message, metadata };
  }
  if (error instanceof CallStatusError) return { code: error.code, details: error.message, metadata };
  if (error instanceof QueueOverflowError) return { code: Status.RESOURCE_EXHAUSTED, details: error.message, metadata };
  const details = error instanceof Error ? error.message : String(error);
  return { code: Status.INTERNAL, details: details || 'internal error', metadata };
}
