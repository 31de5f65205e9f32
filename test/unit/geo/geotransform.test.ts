import assert from 'node:assert/strict';
import { crsToPixel, geotransformFromTiff, invertGeotransform, pixelSize, pixelToCrs, type TiffGeoTags } from '../../../src/geo/geotransform';

function near(actual: readonly number[], expected: readonly number[], tol = 1e-9): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tol, `[${i}] ${v} ≠ ${expected[i]} (got ${actual.join(', ')})`));
}

describe('geotransformFromTiff', () => {
  const cases: { name: string; tags: TiffGeoTags; expected: number[] | undefined }[] = [
    {
      name: 'tie point at pixel (0,0) + scale, PixelIsArea',
      tags: { modelPixelScale: [300, 300, 0], modelTiepoint: [0, 0, 0, 101985, 2826915, 0], rasterType: 'PixelIsArea' },
      expected: [101985, 300, 0, 2826915, 0, -300],
    },
    {
      name: 'tie point at another pixel moves the origin back',
      tags: { modelPixelScale: [2, 4, 0], modelTiepoint: [10, 5, 0, 1000, 2000, 0], rasterType: 'PixelIsArea' },
      expected: [980, 2, 0, 2020, 0, -4],
    },
    {
      name: 'PixelIsPoint: tie point is a pixel centre, origin moves half a pixel up-left (GDAL)',
      tags: { modelPixelScale: [2, 4, 0], modelTiepoint: [0, 0, 0, 1000, 2000, 0], rasterType: 'PixelIsPoint' },
      expected: [999, 2, 0, 2002, 0, -4],
    },
    {
      name: 'ModelTransformation (rotated 30°)',
      tags: {
        modelTransformation: [Math.sqrt(3), -1, 0, 500, 1, Math.sqrt(3), 0, 800, 0, 0, 0, 0, 0, 0, 0, 1],
        rasterType: 'PixelIsArea',
      },
      expected: [500, Math.sqrt(3), -1, 800, 1, Math.sqrt(3)],
    },
    {
      name: 'ModelTransformation with PixelIsPoint shifts along the rotated axes',
      tags: { modelTransformation: [2, 1, 0, 10, 1, -2, 0, 20, 0, 0, 0, 0, 0, 0, 0, 1], rasterType: 'PixelIsPoint' },
      expected: [8.5, 2, 1, 20.5, 1, -2],
    },
    { name: 'no tags', tags: { rasterType: 'PixelIsArea' }, expected: undefined },
    {
      name: 'several tie points (GCPs) are not an affine',
      tags: { modelPixelScale: [1, 1, 0], modelTiepoint: [0, 0, 0, 1, 1, 0, 5, 5, 0, 6, 6, 0], rasterType: 'PixelIsArea' },
      expected: undefined,
    },
    { name: 'zero scale is degenerate', tags: { modelPixelScale: [0, 1, 0], modelTiepoint: [0, 0, 0, 1, 1, 0], rasterType: 'PixelIsArea' }, expected: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const gt = geotransformFromTiff(c.tags);
      if (c.expected === undefined) assert.equal(gt, undefined);
      else near(gt!, c.expected);
    });
  }
});

describe('pixelToCrs / crsToPixel', () => {
  const rotated = [500, Math.sqrt(3), -1, 800, 1, Math.sqrt(3)] as const;
  const cases: { name: string; gt: readonly [number, number, number, number, number, number]; px: [number, number]; crs: [number, number] }[] = [
    { name: 'north-up origin', gt: [100, 2, 0, 500, 0, -2], px: [0, 0], crs: [100, 500] },
    { name: 'north-up interior', gt: [100, 2, 0, 500, 0, -2], px: [10, 5], crs: [120, 490] },
    { name: 'north-up fractional', gt: [100, 2, 0, 500, 0, -2], px: [0.5, 0.5], crs: [101, 499] },
    // x = 500 + √3·px − py, y = 800 + px + √3·py (hand-computed)
    { name: 'rotated (1, 0)', gt: rotated, px: [1, 0], crs: [500 + Math.sqrt(3), 801] },
    { name: 'rotated (0, 1)', gt: rotated, px: [0, 1], crs: [499, 800 + Math.sqrt(3)] },
    { name: 'rotated (2, 3)', gt: rotated, px: [2, 3], crs: [500 + 2 * Math.sqrt(3) - 3, 802 + 3 * Math.sqrt(3)] },
  ];
  for (const c of cases) {
    it(`${c.name}: pixel → CRS → pixel`, () => {
      near(pixelToCrs(c.gt, ...c.px), c.crs);
      near(crsToPixel(c.gt, ...c.crs), c.px);
    });
  }
  it('inverting twice gives the transform back', () => near(invertGeotransform(invertGeotransform(rotated)), rotated));
  it('a singular transform cannot be inverted', () => assert.throws(() => invertGeotransform([0, 1, 1, 0, 1, 1]), RangeError));
  it('pixelSize is the length of each pixel axis', () => near(Object.values(pixelSize(rotated)), [2, 2]));
});
