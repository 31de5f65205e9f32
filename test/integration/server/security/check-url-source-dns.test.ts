import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { checkUrlSource } from '../../../../src/server/security/check-url-source';

describe('checkUrlSource with the system resolver', () => {
  it('resolves localhost for real: refused without allowLoopback, accepted with it', async () => {
    await assert.rejects(checkUrlSource('rtsp://localhost:8554/cam', {}), (e) => isGroundstreamError(e, 'permission_denied') && /loopback/.test(e.message) && /localhost/.test(e.message));
    const url = await checkUrlSource('rtsp://localhost:8554/cam', { allowLoopback: true });
    assert.equal(url.hostname, 'localhost');
    assert.equal((await checkUrlSource('http://LOCALHOST/x.mp4', { allowPrivate: true })).hostname, 'localhost');
  });
});
