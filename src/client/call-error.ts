import { status as Status, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, ERROR_INPUT_METADATA_KEY } from '../server/error-status';

function firstString(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A call that ended with a non-OK gRPC status. `message` is the server's details (its error
 * message); `errorCode` and `input` are the GroundstreamError code and input, when the server sent them.
 */
export class GroundstreamCallError extends Error {
  /** The gRPC status code, e.g. 5 (NOT_FOUND). */
  readonly code: Status;
  /** The status code's name, e.g. "NOT_FOUND". */
  readonly codeName: string;
  readonly details: string;
  /** e.g. "truncated", "input_not_found". */
  readonly errorCode?: string;
  /** The file, URL or model id the error is about. */
  readonly input?: string;
  readonly metadata?: Metadata;

  constructor(code: Status, details: string, metadata?: Metadata, options?: { cause?: unknown }) {
    super(details, options);
    this.name = 'GroundstreamCallError';
    this.code = code;
    this.codeName = Status[code] ?? `STATUS_${code}`;
    this.details = details;
    this.metadata = metadata;
    this.errorCode = firstString(metadata, ERROR_CODE_METADATA_KEY);
    const input = firstString(metadata, ERROR_INPUT_METADATA_KEY);
    if (input !== undefined) this.input = percentDecode(input);
  }
}

/** True for an error grpc-js reports for a call (it carries a numeric status code). */
function isServiceError(e: unknown): e is ServiceError {
  return e instanceof Error && typeof (e as Partial<ServiceError>).code === 'number';
}

/** Wraps what a grpc-js call threw as a {@link GroundstreamCallError}. */
export function toCallError(e: unknown): GroundstreamCallError {
  if (e instanceof GroundstreamCallError) return e;
  if (isServiceError(e)) return new GroundstreamCallError(e.code, e.details ?? e.message, e.metadata, { cause: e });
  const message = e instanceof Error ? e.message : String(e);
  return new GroundstreamCallError(Status.UNKNOWN, message, undefined, { cause: e });
}
