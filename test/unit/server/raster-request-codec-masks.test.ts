import assert from 'node:assert/strict';
import { decodeGroundRasterRequest } from '../../../src/server/raster-request-codec';

describe('decodeGroundRasterRequest masks', () => {
  it('passes masks = true on, and leaves an unset or false one out (the engine default: boxes)', () => {
    assert.equal(decodeGroundRasterRequest({ source: 'a.tif', masks: true }).masks, true);
    assert.equal('masks' in decodeGroundRasterRequest({ source: 'a.tif', masks: false }), false);
    assert.equal('masks' in decodeGroundRasterRequest({ source: 'a.tif' }), false);
  });
});
