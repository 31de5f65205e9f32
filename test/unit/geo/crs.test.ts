import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../src/core/errors';
import { crsFromGeoKeys, fromWgs84, toWgs84, tryToWgs84 } from '../../../src/geo/crs';
import { epsgToProj4 } from '../../../src/geo/crs-epsg';

describe('epsgToProj4', () => {
  const cases: [number, string | undefined][] = [
    [4326, '+proj=longlat +datum=WGS84 +no_defs'],
    [4269, '+proj=longlat +datum=NAD83 +no_defs'],
    [32618, '+proj=utm +zone=18 +datum=WGS84 +units=m +no_defs'],
    [32601, '+proj=utm +zone=1 +datum=WGS84 +units=m +no_defs'],
    [32750, '+proj=utm +zone=50 +south +datum=WGS84 +units=m +no_defs'],
    [32760, '+proj=utm +zone=60 +south +datum=WGS84 +units=m +no_defs'],
    [26913, '+proj=utm +zone=13 +datum=NAD83 +units=m +no_defs'],
    [31965, '+proj=utm +zone=11 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'],
    [31976, '+proj=utm +zone=22 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'],
    [31977, '+proj=utm +zone=17 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'],
    [31985, '+proj=utm +zone=25 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'],
    [25832, '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'],
    [32661, undefined],
    [27700, undefined],
  ];
  for (const [code, expected] of cases) it(`EPSG:${code}`, () => assert.equal(epsgToProj4(code), expected));
});

describe('crsFromGeoKeys', () => {
  it('no GeoKeys: no CRS', () => {
    assert.equal(crsFromGeoKeys(null), undefined);
    assert.equal(crsFromGeoKeys({}), undefined);
  });
  it('EPSG projected', () => assert.deepEqual(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3857 })?.epsg, 3857));
  it('EPSG geographic', () => {
    const crs = crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 });
    assert.deepEqual(crs, { epsg: 4326, proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true });
  });
  it('user-defined UTM from ProjectionGeoKey 16018 on the WGS 84 ellipsoid (rasterio rgb1..4)', () => {
    const crs = crsFromGeoKeys({
      GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 32767, GeogGeodeticDatumGeoKey: 32767, GeogEllipsoidGeoKey: 7030,
      ProjectedCSTypeGeoKey: 32767, ProjectionGeoKey: 16018, ProjLinearUnitsGeoKey: 9001,
    });
    assert.deepEqual(crs, { proj4: '+proj=utm +zone=18 +ellps=WGS84 +units=m +no_defs', geographic: false });
  });
  it('user-defined transverse Mercator from parameters, false easting in US feet converted to metres', () => {
    const crs = crsFromGeoKeys({
      GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, GeogGeodeticDatumGeoKey: 6269, ProjCoordTransGeoKey: 1,
      ProjNatOriginLongGeoKey: -105, ProjNatOriginLatGeoKey: 0, ProjScaleAtNatOriginGeoKey: 0.9996,
      ProjFalseEastingGeoKey: 1640416.6666666667, ProjFalseNorthingGeoKey: 0, ProjLinearUnitsGeoKey: 9003,
    })!;
    assert.match(crs.proj4, /^\+proj=tmerc \+lat_0=0 \+lon_0=-105 \+k=0\.9996 \+x_0=500000(\.0+\d*)? \+y_0=0 \+datum=NAD83 \+units=us-ft/);
  });
  it('geostationary: the PROJ string GDAL leaves in the ESRI citation', () => {
    const crs = crsFromGeoKeys({ GTModelTypeGeoKey: 32767, PCSCitationGeoKey: 'ESRI PE String = PROJCS["x",EXTENSION["PROJ4","+proj=geos +lon_0=-75 +h=35786023 +sweep=x"]]' });
    assert.deepEqual(crs, { proj4: '+proj=geos +lon_0=-75 +h=35786023 +sweep=x', geographic: false });
  });
  const unsupported: [string, Record<string, unknown>, RegExp][] = [
    ['an EPSG code not bundled', { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 27700 }, /EPSG:27700/],
    ['a geographic code not bundled', { GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4267 }, /EPSG:4267/],
    ['an unknown ProjCoordTransGeoKey', { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, GeogEllipsoidGeoKey: 7030, ProjCoordTransGeoKey: 26 }, /ProjCoordTransGeoKey 26/],
    ['a user-defined CRS with no datum', { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, ProjectionGeoKey: 16018 }, /datum or ellipsoid/],
    ['a geocentric model', { GTModelTypeGeoKey: 3 }, /geocentric/],
  ];
  for (const [name, keys, message] of unsupported) {
    it(`unsupported_crs: ${name}`, () => {
      assert.throws(() => crsFromGeoKeys(keys, 'x.tif'), (e: unknown) => isGroundstreamError(e, 'unsupported_crs') && e.input === 'x.tif' && message.test(e.message));
    });
  }
});

describe('toWgs84 / fromWgs84', () => {
  const utm18 = { epsg: 32618, proj4: epsgToProj4(32618)!, geographic: false };
  const geos = { proj4: '+proj=geos +lon_0=-75 +h=35786023 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs +sweep=x', geographic: false };
  it('UTM 18N point (gdaltransform -t_srs EPSG:4326)', () => {
    const [lon, lat] = toWgs84(utm18, 101985, 2826915);
    assert.ok(Math.abs(lon - -78.95864996539397) < 1e-9 && Math.abs(lat - 25.50608738565658) < 1e-9, `${lon}, ${lat}`);
  });
  it('round trip through fromWgs84', () => {
    const [x, y] = fromWgs84(utm18, ...toWgs84(utm18, 300000, 2700000));
    assert.ok(Math.abs(x - 300000) < 1e-6 && Math.abs(y - 2700000) < 1e-6);
  });
  it('geostationary: the sub-satellite point is (-75, 0)', () => {
    const [lon, lat] = toWgs84(geos, 0, 0);
    assert.ok(Math.abs(lon + 75) < 1e-9 && Math.abs(lat) < 1e-9);
  });
  it('geostationary: a point off the Earth disk is undefined, never a coordinate', () => {
    assert.equal(tryToWgs84(geos, -5434895.08164, 5434895.08164), undefined);
    assert.throws(() => toWgs84(geos, 5434894.8, -5434894.8), (e: unknown) => isGroundstreamError(e, 'outside_crs_domain'));
  });
  it('non-finite input is undefined', () => assert.equal(tryToWgs84(utm18, Number.NaN, 0), undefined));
});
