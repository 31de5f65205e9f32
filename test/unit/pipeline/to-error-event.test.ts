import assert from 'node:assert/strict';
import { EventKind } from '../../../src/core/events';
import { toErrorEvent } from '../../../src/pipeline/to-error-event';

describe('toErrorEvent', () => {
  it('closes a stream with the code, the message and the input, in the common envelope', () => {
    const e = toErrorEvent({ code: 'truncated', message: 'cut.mp4 is truncated: 12 of 377 frames', input: 'cut.mp4' }, 'cut', () => new Date(0));
    assert.equal(e.kind, EventKind.EVENT_KIND_ERROR);
    assert.equal(e.eventId, 'cut:error:0');
    assert.equal(e.wallTime, '1970-01-01T00:00:00.000Z');
    assert.deepEqual(e.error, { code: 'truncated', message: 'cut.mp4 is truncated: 12 of 377 frames', input: 'cut.mp4' });
    assert.deepEqual([e.regions, e.models, e.boxFormat], [[], [], 'BOX_FORMAT_XYXY']);
  });
});
