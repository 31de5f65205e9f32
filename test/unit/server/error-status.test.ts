import assert from 'node:assert/strict';
import { status as Status } from '@grpc/grpc-js';
import { GroundstreamError, type ErrorCode } from '../../../src/core/errors';
import {
  CallStatusError,
  ERROR_CODE_METADATA_KEY,
  ERROR_INPUT_METADATA_KEY,
  grpcStatusFor,
  percentEncodeHeaderValue,
  toErrorStatus,
} from '../../../src/server/error-status';
import { QueueOverflowError } from '../../../src/server/stream-bridge';

describe('toErrorStatus', () => {
  const table: [ErrorCode, Status][] = [
    ['input_not_found', Status.NOT_FOUND],
    ['model_not_found', Status.NOT_FOUND],
    ['invalid_argument', Status.INVALID_ARGUMENT],
    ['nothing_groundable', Status.INVALID_ARGUMENT],
    ['not_a_video', Status.INVALID_ARGUMENT],
    ['truncated', Status.DATA_LOSS],
    ['ffmpeg_missing', Status.FAILED_PRECONDITION],
    ['provider_unavailable', Status.FAILED_PRECONDITION],
    ['decode_failed', Status.INTERNAL],
    ['model_checksum_mismatch', Status.INTERNAL],
    ['model_download_failed', Status.INTERNAL],
    ['model_input_mismatch', Status.INTERNAL],
    ['internal', Status.INTERNAL],
  ];
  for (const [code, expected] of table) {
    it(`${code} → ${Status[expected]}, message as details, code and input in metadata`, () => {
      const s = toErrorStatus(new GroundstreamError(code, 'clip.mp4', `it failed: ${code}`));
      assert.equal(s.code, expected);
      assert.equal(s.details, `it failed: ${code}`);
      assert.deepEqual(s.metadata.get(ERROR_CODE_METADATA_KEY), [code]);
      assert.deepEqual(s.metadata.get(ERROR_INPUT_METADATA_KEY), ['clip.mp4']);
    });
  }

  it('maps a code it does not know to INTERNAL', () => {
    assert.equal(grpcStatusFor('no_such_code' as ErrorCode), Status.INTERNAL);
    assert.equal(grpcStatusFor('toString' as ErrorCode), Status.INTERNAL);
  });

  it('maps a queue overflow to RESOURCE_EXHAUSTED', () => {
    const s = toErrorStatus(new QueueOverflowError(32));
    assert.equal(s.code, Status.RESOURCE_EXHAUSTED);
    assert.match(s.details, /32/);
  });

  it('sends the status a CallStatusError names (UNIMPLEMENTED for a method the server was started without)', () => {
    const s = toErrorStatus(new CallStatusError(Status.UNIMPLEMENTED, 'no raster engine'));
    assert.equal(s.code, Status.UNIMPLEMENTED);
    assert.equal(s.details, 'no raster engine');
    assert.deepEqual(s.metadata.get(ERROR_CODE_METADATA_KEY), []);
  });

  it('maps any other error to INTERNAL with its message and no groundstream metadata', () => {
    const s = toErrorStatus(new TypeError('x is undefined'));
    assert.equal(s.code, Status.INTERNAL);
    assert.equal(s.details, 'x is undefined');
    assert.deepEqual(s.metadata.get(ERROR_CODE_METADATA_KEY), []);
    assert.equal(toErrorStatus('a string').details, 'a string');
  });

  it('percent-encodes an input that is not printable ASCII (and %), so the header is legal', () => {
    assert.equal(percentEncodeHeaderValue('/data/café 100%.mp4\n'), '/data/caf%C3%A9 100%25.mp4%0A');
    assert.equal(decodeURIComponent(percentEncodeHeaderValue('/data/café 100%.mp4')), '/data/café 100%.mp4');
    const s = toErrorStatus(new GroundstreamError('input_not_found', '/vidéo.mp4', 'missing'));
    assert.deepEqual(s.metadata.get(ERROR_INPUT_METADATA_KEY), ['/vid%C3%A9o.mp4']);
  });
});
