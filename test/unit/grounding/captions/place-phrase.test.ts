import assert from 'node:assert/strict';
import { formatLatLon, formatMetres, placeClause } from '../../../../src/grounding/captions';

describe('formatLatLon', () => {
  const cases: [number, number, string][] = [
    [41.2, -8.6, '41.2°N, 8.6°W'],
    [-33.8688, 151.2093, '33.8688°S, 151.2093°E'],
    [41.123456, -8.611111, '41.1235°N, 8.6111°W'],
    [0, 0, '0°N, 0°E'],
    [-0.00001, -0.00001, '0°S, 0°W'],
  ];
  for (const [lat, lon, text] of cases) it(`${lat}, ${lon} → ${text}`, () => assert.equal(formatLatLon(lat, lon), text));
  it('rejects out-of-range degrees', () => {
    assert.throws(() => formatLatLon(91, 0), RangeError);
    assert.throws(() => formatLatLon(0, Number.NaN), RangeError);
  });
});

describe('formatMetres', () => {
  const cases: [number, string][] = [
    [0, '0 m'],
    [80, '80 m'],
    [120.4, '120 m'],
    [999.4, '999 m'],
    [999.6, '1 km'],
    [1250, '1.3 km'],
    [12000, '12 km'],
  ];
  for (const [m, text] of cases) it(`${m} → ${text}`, () => assert.equal(formatMetres(m), text));
  it('rejects negative distances', () => assert.throws(() => formatMetres(-1), RangeError));
});

describe('placeClause', () => {
  it('with and without the extent', () => {
    assert.equal(placeClause({ lat: 41.2, lon: -8.6, extentM: [120, 80] }), 'the scene is at 41.2°N, 8.6°W and covers 120 m × 80 m');
    assert.equal(placeClause({ lat: 41.2, lon: -8.6 }), 'the scene is at 41.2°N, 8.6°W');
  });
});
