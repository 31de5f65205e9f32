import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRaster, type ReadGbrpOptions } from '../../../../src/sources/raster';
import type { RasterWindow } from '../../../../src/sources/raster/raster-info';
import { toPlanarRgb8 } from '../../../../src/sources/raster/to-planar-rgb8';
import { dataFile } from '../../../support/paths';
import { writeTiledTiff } from './write-tiff';

/** The general path: geotiff.js's per-band read, then re-planed. The direct copy must equal it byte for byte. */
async function viaBands(file: string, w: RasterWindow, o: ReadGbrpOptions) {
  const r = await openRaster(file);
  try {
    const colour = o.bands.length >= 3 ? o.bands.slice(0, 3) : [o.bands[0]];
    const px = await r.readWindow(w, { bands: o.alphaBand ? [...colour, o.alphaBand] : colour, overview: o.overview });
    return { ...toPlanarRgb8(px.bands.slice(0, colour.length), { noData: o.noData, alpha: o.alphaBand ? px.bands[colour.length] : undefined }), width: px.width, height: px.height };
  } finally { await r.close(); }
}

/** A 50×37 scene with a gradient per sample, so a wrong offset or sample shows, and a black corner for nodata. */
function scenePixels(spp: number, width = 50, height = 37): Uint8Array {
  const px = new Uint8Array(width * height * spp);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < spp; c++) px[(y * width + x) * spp + c] = c === 3 ? ((x + y) % 5 === 0 ? 0 : 255) : x < 4 && y < 3 ? 0 : (x * 5 + y * 3 + c * 71) & 255;
    }
  }
  return px;
}

describe('RasterSource.readWindowGbrp (8-bit blocks copied into model planes)', () => {
  let tmp: string;
  const written: Record<string, string> = {};
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-gbrp-'));
    const write = (name: string, spp: 1 | 3 | 4, planar: 1 | 2) => {
      written[name] = path.join(tmp, `${name}.tif`);
      writeFileSync(written[name], writeTiledTiff({ width: 50, height: 37, pixels: scenePixels(spp), samplesPerPixel: spp, tileSizePx: 16, planar }));
    };
    write('tiled-rgb', 3, 1);
    write('tiled-rgba-planar', 4, 2);
    write('tiled-grey', 1, 1);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const whole = (w: number, h: number): RasterWindow => ({ x0: 0, y0: 0, x1: w, y1: h });
  const cases: { name: string; file: () => string; window: RasterWindow; options: ReadGbrpOptions; validBelow?: boolean }[] = [
    { name: 'tiled RGB, window across four blocks', file: () => written['tiled-rgb'], window: { x0: 7, y0: 9, x1: 29, y1: 21 }, options: { bands: [1, 2, 3] } },
    { name: 'tiled RGB, right and bottom edge blocks (padded)', file: () => written['tiled-rgb'], window: { x0: 30, y0: 20, x1: 50, y1: 37 }, options: { bands: [1, 2, 3] } },
    { name: 'tiled RGB, word-aligned rows (four pixels per 32-bit word)', file: () => written['tiled-rgb'], window: { x0: 0, y0: 0, x1: 48, y1: 32 }, options: { bands: [1, 2, 3] } },
    { name: 'tiled RGB, aligned rows with a ragged end (18 px: 4 words + 2)', file: () => written['tiled-rgb'], window: { x0: 16, y0: 3, x1: 34, y1: 11 }, options: { bands: [1, 2, 3] } },
    { name: 'tiled RGB, bands reordered 3,1,2', file: () => written['tiled-rgb'], window: whole(50, 37), options: { bands: [3, 1, 2] } },
    { name: 'tiled RGB, nodata value given', file: () => written['tiled-rgb'], window: whole(50, 37), options: { bands: [1, 2, 3], noData: 0 }, validBelow: true },
    { name: 'tiled RGBA, planar (one block per sample), alpha band', file: () => written['tiled-rgba-planar'], window: { x0: 3, y0: 5, x1: 41, y1: 33 }, options: { bands: [1, 2, 3], alphaBand: 4 }, validBelow: true },
    { name: 'tiled grey, one band as grey', file: () => written['tiled-grey'], window: { x0: 15, y0: 15, x1: 33, y1: 17 }, options: { bands: [1] } },
    { name: 'strips, 3 rows each (RGB.byte), nodata 0', file: () => dataFile('geotiff/rasterio_RGB.byte.tif'), window: { x0: 100, y0: 101, x1: 516, y1: 517 }, options: { bands: [1, 2, 3], noData: 0 }, validBelow: true },
    { name: 'LZW strips with alpha (pix4d collar)', file: () => dataFile('geotiff/riotiler_pix4d_alpha_nodata.tif'), window: { x0: 0, y0: 0, x1: 416, y1: 416 }, options: { bands: [1, 2, 3], alphaBand: 4 }, validBelow: true },
    { name: 'DEFLATE strips, 6 bands, false colour 4,3,2', file: () => dataFile('geotiff/stars_L7_ETMs.tif'), window: { x0: 10, y0: 20, x1: 349, y1: 352 }, options: { bands: [4, 3, 2] } },
    { name: 'an overview (stars level 2)', file: () => dataFile('geotiff/stars_L7_ETMs.tif'), window: { x0: 40, y0: 40, x1: 300, y1: 300 }, options: { bands: [3, 2, 1], overview: 2 } },
    { name: 'YCbCr JPEG COG: falls back to the RGB conversion', file: () => dataFile('geotiff/rasterio_cogeo.tif'), window: { x0: 300, y0: 400, x1: 716, y1: 816 }, options: { bands: [1, 2, 3] } },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const expected = await viaBands(c.file(), c.window, c.options);
      const r = await openRaster(c.file());
      try {
        const got = await r.readWindowGbrp(c.window, c.options);
        assert.deepEqual([got.width, got.height], [expected.width, expected.height]);
        assert.equal(got.validPixels, expected.validPixels);
        if (c.validBelow) assert.ok(got.validPixels < got.width * got.height, 'some pixels are empty');
        else assert.equal(got.validPixels, got.width * got.height);
        assert.ok(Buffer.from(got.pixels).equals(Buffer.from(expected.pixels)), 'planes equal the general read');
        assert.ok(got.pixels.some((v) => v !== 0));
        // read twice: the second comes from decoded blocks kept by the cache
        const again = await r.readWindowGbrp(c.window, c.options);
        assert.ok(Buffer.from(again.pixels).equals(Buffer.from(got.pixels)));
        // a buffer of an earlier window, full of other values, is filled in place (block copies only)
        const stale = new Uint8Array(got.pixels.length).fill(0xab);
        const reused = await r.readWindowGbrp(c.window, { ...c.options, reusePixels: stale });
        assert.ok(Buffer.from(reused.pixels).equals(Buffer.from(got.pixels)), 'a reused buffer reads the same');
        if (!/YCbCr/.test(c.name)) assert.equal(reused.pixels, stale);
      } finally { await r.close(); }
    });
  }

  it('a window outside the scene or a missing band fails as readWindow does', async () => {
    const r = await openRaster(written['tiled-rgb']);
    try {
      await assert.rejects(r.readWindowGbrp({ x0: 40, y0: 0, x1: 60, y1: 10 }, { bands: [1, 2, 3] }), /outside the 50×37 scene/);
      await assert.rejects(r.readWindowGbrp({ x0: 0, y0: 0, x1: 10, y1: 10 }, { bands: [1, 2, 5] }), /band 5 does not exist/);
    } finally { await r.close(); }
  });
});
