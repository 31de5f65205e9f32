import assert from 'node:assert/strict';
import { cornerPixels, sceneCorners } from '../../../src/geo/corners';

describe('sceneCorners', () => {
  it('pixel positions of the named points are those gdalinfo reports', () => {
    assert.deepEqual(cornerPixels(10, 20), { upperLeft: [0, 0], upperRight: [10, 0], lowerLeft: [0, 20], lowerRight: [10, 20], center: [5, 10] });
  });
  it('a lon/lat scene: corners are the geotransform applied to the corner pixels', () => {
    const c = sceneCorners({ width: 10, height: 20, geotransform: [10, 0.5, 0, 50, 0, -0.25], crs: { epsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true } });
    const expected = { upperLeft: [10, 50], upperRight: [15, 50], lowerLeft: [10, 45], lowerRight: [15, 45], center: [12.5, 47.5] };
    for (const [name, [lon, lat]] of Object.entries(expected)) {
      const got = c[name as keyof typeof expected]!;
      assert.ok(Math.abs(got[0] - lon) < 1e-12 && Math.abs(got[1] - lat) < 1e-12, `${name}: ${got}`);
    }
    assert.deepEqual(c.reasons, {});
  });
  it('not georeferenced: every point null with a reason', () => {
    const c = sceneCorners({ width: 10, height: 20 });
    assert.equal(c.center, null);
    assert.equal(c.reasons.upperLeft, 'not georeferenced');
  });
});
