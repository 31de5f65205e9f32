import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { bandRolesForSensor, bsi, mndwi, ndvi, ndwi, parseBandRoles, spectralMask, type BandRoles } from '../../../../src/grounding/spectral';

const close = (a: ArrayLike<number>, b: number[]): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < b.length; i++) {
    if (Number.isNaN(b[i])) assert.ok(Number.isNaN(a[i]), `index ${i}: ${a[i]} is not NaN`);
    else assert.ok(Math.abs(a[i] - b[i]) < 1e-6, `index ${i}: ${a[i]} vs ${b[i]}`);
  }
};

describe('spectral indices', () => {
  const cases: { name: string; run: () => Float32Array; want: number[] }[] = [
    { name: 'ndvi on uint16', run: () => ndvi(Uint16Array.from([100, 300, 0]), Uint16Array.from([300, 100, 0])), want: [0.5, -0.5, NaN] },
    { name: 'ndvi on float reflectance', run: () => ndvi(Float32Array.from([0.05]), Float32Array.from([0.45])), want: [0.8] },
    { name: 'ndvi on int16 with nodata', run: () => ndvi(Int16Array.from([-9999, 100]), Int16Array.from([50, 100]), { nodata: -9999 }), want: [NaN, 0] },
    { name: 'ndvi with a validity mask', run: () => ndvi([1, 1], [3, 3], { valid: Uint8Array.from([0, 255]) }), want: [NaN, 0.5] },
    { name: 'ndvi NaN input', run: () => ndvi(Float64Array.from([NaN]), Float64Array.from([1])), want: [NaN] },
    { name: 'ndwi (McFeeters): green − nir', run: () => ndwi(Uint8Array.from([90, 20]), Uint8Array.from([10, 60])), want: [0.8, -0.5] },
    { name: 'mndwi: green − swir1', run: () => mndwi([0.1, 0.1], [0.02, 0.3]), want: [0.08 / 0.12, -0.5] },
    { name: 'bsi', run: () => bsi([10], [30], [20], [40]), want: [(70 - 30) / 100] },
  ];
  for (const c of cases) it(c.name, () => close(c.run(), c.want));
  it('rejects bands of different lengths', () => assert.throws(() => ndvi([1, 2], [1]), /differ in length/));
});

describe('parseBandRoles', () => {
  const cases: { spec: string; roles: BandRoles }[] = [
    { spec: 'blue,green,red,nir,swir1,swir2', roles: { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 } },
    { spec: '_, Green , RED,nir', roles: { green: 1, red: 2, nir: 3 } },
    { spec: 'red,-,blue', roles: { red: 0, blue: 2 } },
  ];
  for (const c of cases) it(c.spec, () => assert.deepEqual(parseBandRoles(c.spec), c.roles));
  it('rejects an unknown role, naming it', () => assert.throws(() => parseBandRoles('red,infrared'), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && /infrared/.test(e.message)));
  it('rejects a role given twice', () => assert.throws(() => parseBandRoles('red,red'), /twice/));
});

describe('bandRolesForSensor', () => {
  const cases: { name: string; run: () => ReturnType<typeof bandRolesForSensor>; roles: BandRoles; bands?: string[] }[] = [
    {
      name: 'landsat7, 6 bands = 1-5 and 7',
      run: () => bandRolesForSensor('landsat7', { bandCount: 6 }),
      roles: { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 },
      bands: ['B1', 'B2', 'B3', 'B4', 'B5', 'B7'],
    },
    {
      name: 'landsat7, 8 bands',
      run: () => bandRolesForSensor('landsat7', { bandCount: 8 }),
      roles: { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, thermal: 5, swir2: 6, pan: 7 },
    },
    { name: 'landsat8, 7 bands', run: () => bandRolesForSensor('landsat8', { bandCount: 7 }), roles: { coastal: 0, blue: 1, green: 2, red: 3, nir: 4, swir1: 5, swir2: 6 } },
    { name: 'sentinel2, 4 bands (10 m)', run: () => bandRolesForSensor('sentinel2', { bandCount: 4 }), roles: { blue: 0, green: 1, red: 2, nir: 3 } },
    { name: 'sentinel2, 6 bands', run: () => bandRolesForSensor('sentinel2', { bandCount: 6 }), roles: { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 } },
    { name: 'naip, 4 bands', run: () => bandRolesForSensor('naip', { bandCount: 4 }), roles: { red: 0, green: 1, blue: 2, nir: 3 } },
    {
      name: 'landsat8 by descriptions (SR_B*)',
      run: () => bandRolesForSensor('landsat8', { bandCount: 4, bandDescriptions: ['SR_B4', 'SR_B3', 'SR_B2', 'SR_B5'] }),
      roles: { red: 0, green: 1, blue: 2, nir: 3 },
      bands: ['B4', 'B3', 'B2', 'B5'],
    },
    {
      name: 'sentinel2 by descriptions (B04, B8A, B11)',
      run: () => bandRolesForSensor('sentinel2', { bandCount: 3, bandDescriptions: ['B04', 'B8A', 'B11'] }),
      roles: { red: 0, nir08: 1, swir1: 2 },
      bands: ['B4', 'B8A', 'B11'],
    },
    {
      name: 'role names in descriptions',
      run: () => bandRolesForSensor('landsat7', { bandCount: 3, bandDescriptions: ['Red', 'NIR', 'SWIR1'] }),
      roles: { red: 0, nir: 1, swir1: 2 },
      bands: ['B3', 'B4', 'B5'],
    },
    {
      name: 'empty descriptions fall back to the band count',
      run: () => bandRolesForSensor('naip', { bandCount: 3, bandDescriptions: ['', '', ''] }),
      roles: { red: 0, green: 1, blue: 2 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = c.run();
      assert.deepEqual(r.roles, c.roles);
      if (c.bands) assert.deepEqual(r.sensorBands, c.bands);
    });
  }
  it('an unknown band count asks for explicit roles', () => {
    assert.throws(() => bandRolesForSensor('landsat8', { bandCount: 5 }), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && /explicitly/.test(e.message));
  });
});

describe('spectralMask', () => {
  // pixels: water, vegetation, bare soil, nodata
  const blue = Uint16Array.from([800, 400, 900, 0]);
  const green = Uint16Array.from([1000, 800, 1100, 0]);
  const red = Uint16Array.from([600, 400, 1500, 0]);
  const nir = Uint16Array.from([300, 3000, 2000, 0]);
  const swir1 = Uint16Array.from([100, 1500, 2800, 0]);
  const opts = { nodata: 0 };

  const cases: { name: string; kind: 'water' | 'vegetation' | 'bare soil'; bands: Parameters<typeof spectralMask>[1]; mask: number[]; index: string; threshold: number; notes: number }[] = [
    { name: 'water by MNDWI when swir1 is there', kind: 'water', bands: { green, nir, swir1 }, mask: [1, 0, 0, 0], index: 'mndwi', threshold: 0.2, notes: 0 },
    { name: 'water by NDWI without swir1, with a caveat', kind: 'water', bands: { green, nir, red }, mask: [1, 0, 0, 0], index: 'ndwi', threshold: 0, notes: 1 },
    { name: 'vegetation by NDVI', kind: 'vegetation', bands: { red, nir }, mask: [0, 1, 0, 0], index: 'ndvi', threshold: 0.3, notes: 0 },
    { name: 'bare soil by BSI', kind: 'bare soil', bands: { blue, red, nir, swir1 }, mask: [0, 0, 1, 0], index: 'bsi', threshold: 0.1, notes: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = spectralMask(c.kind, c.bands, opts);
      assert.ok(r.ok);
      assert.deepEqual(Array.from(r.mask), c.mask);
      assert.equal(r.index, c.index);
      assert.equal(r.threshold, c.threshold);
      assert.equal(r.notes.length, c.notes);
      assert.match(r.method, new RegExp(`${c.index.toUpperCase()} .* > ${c.threshold}`));
    });
  }

  it('a threshold override is used and reported', () => {
    const r = spectralMask('vegetation', { red, nir }, { threshold: 0.9 });
    assert.ok(r.ok);
    assert.deepEqual(Array.from(r.mask), [0, 0, 0, 0]);
    assert.equal(r.threshold, 0.9);
  });

  const rgbOnly = { red, green, blue };
  for (const kind of ['water', 'vegetation', 'bare soil'] as const) {
    it(`RGB-only input: ${kind} says NIR/SWIR bands are needed`, () => {
      const r = spectralMask(kind, rgbOnly);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.match(r.reason, /NIR|SWIR/);
      assert.match(r.reason, /red, green, blue/);
      assert.ok(r.missing.includes('nir') || r.missing.includes('swir1'));
    });
  }
});
