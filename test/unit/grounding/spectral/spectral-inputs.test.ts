import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { meanInsideRings, parseSpectralThresholds, resolveBandRoles, type BandRoleInputs, type BandRoles } from '../../../../src/grounding/spectral';

describe('resolveBandRoles', () => {
  const cases: { name: string; in: BandRoleInputs; roles: BandRoles; says: RegExp }[] = [
    { name: 'explicit roles win over the sensor', in: { bandRoles: '_,green,red,nir', sensor: 'landsat7', bandCount: 6 }, roles: { green: 1, red: 2, nir: 3 }, says: /--band-roles: green=2, red=3, nir=4/ },
    { name: 'landsat7 preset by band count', in: { sensor: 'landsat7', bandCount: 6 }, roles: { blue: 0, green: 1, red: 2, nir: 3, swir1: 4, swir2: 5 }, says: /landsat7 preset by band count \(6\)/ },
    { name: 'sentinel2 preset by descriptions', in: { sensor: 'sentinel2', bandCount: 3, bandDescriptions: ['B3', 'B8', 'B11'] }, roles: { green: 0, nir: 1, swir1: 2 }, says: /band descriptions/ },
    { name: 'descriptions alone (words)', in: { bandCount: 4, bandDescriptions: ['Red', 'Green', 'Blue', 'NIR'] }, roles: { red: 0, green: 1, blue: 2, nir: 3 }, says: /from band descriptions/ },
    { name: 'RGB assumed for 3 bands', in: { bandCount: 3 }, roles: { red: 0, green: 1, blue: 2 }, says: /assumed: red, green, blue/ },
    { name: 'RGB + alpha', in: { bandCount: 4, hasAlpha: true }, roles: { red: 0, green: 1, blue: 2 }, says: /assumed/ },
    { name: 'unmarked 6 bands: none', in: { bandCount: 6 }, roles: {}, says: /--band-roles or --sensor/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = resolveBandRoles(c.in);
      assert.deepEqual(r.roles, c.roles);
      assert.match(r.description, c.says);
    });
  }
  it('refuses roles beyond the band count', () => assert.throws(() => resolveBandRoles({ bandRoles: 'red,green,blue,nir', bandCount: 3 }), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && /has 3/.test(e.message)));
  it('refuses an unknown sensor, listing the known', () => assert.throws(() => resolveBandRoles({ sensor: 'modis', bandCount: 7 }), /unknown sensor 'modis'.*landsat7/));
});

describe('parseSpectralThresholds', () => {
  const cases: [string, Record<string, number>][] = [
    ['water=0.3', { water: 0.3 }],
    ['water=0.3, vegetation=0.4', { water: 0.3, vegetation: 0.4 }],
    ['bare_soil=-0.05', { 'bare soil': -0.05 }],
    ['', {}],
  ];
  for (const [spec, want] of cases) it(JSON.stringify(spec), () => assert.deepEqual(parseSpectralThresholds(spec), want));
  for (const bad of ['cars=0.3', 'water', 'water=abc', 'water=2']) {
    it(`refuses ${bad}`, () => assert.throws(() => parseSpectralThresholds(bad), (e: unknown) => isGroundstreamError(e, 'invalid_argument') && e.message.length > 10));
  }
});

describe('meanInsideRings', () => {
  // 4×3 values, row-major
  const values = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const cases: { name: string; rings: [number, number][][]; mask?: number[]; want: number }[] = [
    { name: 'one pixel', rings: [[[1, 1], [2, 1], [2, 2], [1, 2]]], want: 6 },
    { name: 'whole image', rings: [[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]]], want: 6.5 },
    { name: 'a hole is left out', rings: [[[0, 0], [3, 0], [3, 3], [0, 3]], [[1, 1], [1, 2], [2, 2], [2, 1]]], want: (1 + 2 + 3 + 5 + 7 + 9 + 10 + 11) / 8 },
    { name: 'masked pixels only', rings: [[[0, 0], [4, 0], [4, 1], [0, 1]]], mask: [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], want: 2.5 },
    { name: 'nothing inside', rings: [[[0, 0], [4, 0], [4, 1], [0, 1]]], mask: Array(12).fill(0), want: NaN },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = meanInsideRings(c.rings, values, c.mask, 4);
      if (Number.isNaN(c.want)) assert.ok(Number.isNaN(got));
      else assert.ok(Math.abs(got - c.want) < 1e-9, `${got} vs ${c.want}`);
    });
  }
});
