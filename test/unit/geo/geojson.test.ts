import assert from 'node:assert/strict';
import { bboxOf, boxFeature, polygonFeature, roundDegrees, signedArea2, toFeatureCollection, type PixelToLonLat, type Position } from '../../../src/geo/geojson';

// north-up: lon grows with x, lat falls with y (mirrors orientation)
const northUp: PixelToLonLat = (x, y) => [10 + x * 0.001, 50 - y * 0.001];
// a mapping that keeps orientation as in pixel space (y up), e.g. a south-up raster
const southUp: PixelToLonLat = (x, y) => [10 + x * 0.001, 50 + y * 0.001];
// rotated 30° raster
const rot = (30 * Math.PI) / 180;
const rotated: PixelToLonLat = (x, y) => [10 + 0.001 * (x * Math.cos(rot) + y * Math.sin(rot)), 50 + 0.001 * (x * Math.sin(rot) - y * Math.cos(rot))];

const ccw = (r: Position[]): boolean => signedArea2(r) > 0;
const closed = (r: Position[]): boolean => r.length >= 4 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1];

describe('polygonFeature', () => {
  const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
  const hole: [number, number][] = [[3, 3], [3, 6], [6, 6], [6, 3]];
  const cases: { name: string; map: PixelToLonLat; rings: [number, number][][] }[] = [
    { name: 'north-up (y flips)', map: northUp, rings: [square, hole] },
    { name: 'south-up (no flip)', map: southUp, rings: [square, hole] },
    { name: 'rotated raster', map: rotated, rings: [square, hole] },
    { name: 'rings given in the other orientation and closed', map: northUp, rings: [[...square].reverse().concat([[0, 10]]), [...hole].reverse()] },
  ];
  for (const c of cases) {
    it(`exterior counter-clockwise, hole clockwise, closed: ${c.name}`, () => {
      const f = polygonFeature(c.rings, c.map, { label: 'x' });
      const [ext, h] = f.geometry.coordinates;
      assert.equal(f.geometry.coordinates.length, 2);
      assert.ok(ccw(ext), 'exterior ccw');
      assert.ok(!ccw(h), 'hole cw');
      assert.ok(closed(ext) && closed(h));
      assert.equal(ext.length, 5);
    });
  }

  it('passes properties through and has no crs member', () => {
    const props = { label: 'car', score: 0.9, phrase: 'red car', pixelBox: [0, 0, 10, 10], tileId: 'r0c1', sceneId: 's' };
    const f = polygonFeature([square], northUp, props);
    assert.equal(f.properties, props);
    assert.equal(f.type, 'Feature');
    assert.ok(!('crs' in toFeatureCollection([f])));
  });

  it('rounds to 1e-7 degrees and drops positions that rounding merges', () => {
    const fine: PixelToLonLat = (x, y) => [1.23456789123 + x * 0.001, 2.00000004999 + y * 0.001];
    const ext = polygonFeature([[[0, 0], [10, 0], [10, 10], [0, 10]]], fine, {}).geometry.coordinates[0];
    assert.deepEqual(ext[0], [1.2345679, 2]);
    for (const p of ext) for (const v of p) assert.equal(Math.round(v * 1e7) / 1e7, v);
    const nearDuplicate = polygonFeature([[[0, 0], [0.00001, 0], [10, 0], [10, 10], [0, 10]]], northUp, {}).geometry.coordinates[0];
    assert.equal(nearDuplicate.length, 5);
    assert.throws(() => polygonFeature([[[0, 0], [1, 0], [1, 0.00001]]], () => [0, 0], {}), /fewer than three/);
  });

  it('drops a hole that collapses', () => {
    const f = polygonFeature([square, [[1, 1], [1, 1], [1, 1]]], northUp, {});
    assert.equal(f.geometry.coordinates.length, 1);
  });
});

describe('boxFeature', () => {
  it('transforms each corner, so a rotated raster gives a rotated quadrilateral', () => {
    const f = boxFeature([0, 0, 100, 50], rotated, {});
    const ext = f.geometry.coordinates[0];
    assert.equal(ext.length, 5);
    assert.ok(ccw(ext));
    const xs = new Set(ext.slice(0, 4).map((p) => p[0]));
    assert.equal(xs.size, 4); // not axis-aligned
  });
  it('north-up box corners', () => {
    const f = boxFeature(new Float32Array([0, 0, 10, 20]), northUp, { score: 1 });
    assert.deepEqual(f.geometry.coordinates[0], [[10, 50], [10, 49.98], [10.01, 49.98], [10.01, 50], [10, 50]]);
  });
});

describe('roundDegrees', () => {
  const cases: [number, number, number][] = [[12.345678949, 7, 12.3456789], [-0.00000001, 7, 0], [1.5, 0, 2]];
  for (const [v, d, r] of cases) it(`${v} to ${d} places`, () => assert.equal(roundDegrees(v, d), r));
});

describe('toFeatureCollection / bboxOf', () => {
  it('bbox over all features', () => {
    const fc = toFeatureCollection([boxFeature([0, 0, 10, 10], northUp, {}), boxFeature([20, 5, 30, 40], northUp, {})]);
    assert.equal(fc.type, 'FeatureCollection');
    assert.deepEqual(fc.bbox, [10, 49.96, 10.03, 50]);
    assert.deepEqual(bboxOf(fc), fc.bbox);
  });
  it('empty collection has no bbox', () => {
    const fc = toFeatureCollection([]);
    assert.equal(fc.bbox, undefined);
    assert.equal(bboxOf(fc), undefined);
  });
});
