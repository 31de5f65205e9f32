import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isGroundstreamError, type ErrorCode } from '../../../../src/core/errors';
import { sceneCorners } from '../../../../src/geo/corners';
import { crsToPixel, pixelToCrs } from '../../../../src/geo/geotransform';
import { openRaster } from '../../../../src/sources/raster';
import { dataFile } from '../../../support/paths';
import { geoKeyDirectory, writeTiff } from './write-tiff';

const rejectsWith = (p: Promise<unknown>, code: ErrorCode, input: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => isGroundstreamError(e, code) && e.input === input && (!message || message.test(e.message)));

describe('openRaster (local files)', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-raster-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('COG header: tiles, JPEG, mask, six overviews, EPSG:3857', async () => {
    const r = await openRaster(dataFile('geotiff/rasterio_cogeo.tif'));
    try {
      const { info } = r;
      assert.deepEqual([info.width, info.height, info.bandCount, info.dataType, info.bitsPerSample], [1024, 1024, 3, 'uint8', 8]);
      assert.deepEqual([info.tiled, info.tileWidthPx, info.tileHeightPx, info.compression, info.hasMask, info.hasAlpha], [true, 512, 512, 'jpeg', true, false]);
      assert.deepEqual(info.overviews.map((o) => [o.level, o.width]), [[1, 512], [2, 256], [3, 128], [4, 64], [5, 32], [6, 16]]);
      assert.equal(info.crs?.epsg, 3857);
      assert.ok(Math.abs(info.gsdM! - 0.597164) < 1e-6);
      assert.equal(r.chooseOverview(0.5), 0);
      assert.equal(r.chooseOverview(1.2), 1);
      assert.equal(r.chooseOverview(5), 3);
      assert.equal(r.chooseOverview(1000), 6);
    } finally { await r.close(); }
  });

  it('multispectral, strips, DEFLATE, 4 overviews (stars); RGBA with out-of-range nodata (pix4d); nodata 0 (RGB.byte)', async () => {
    const stars = await openRaster(dataFile('geotiff/stars_L7_ETMs.tif'));
    assert.deepEqual([stars.info.bandCount, stars.info.compression, stars.info.tiled, stars.info.overviews.length, stars.info.crs?.epsg], [6, 'deflate', false, 4, 31985]);
    await stars.close();
    const pix4d = await openRaster(dataFile('geotiff/riotiler_pix4d_alpha_nodata.tif'));
    assert.deepEqual([pix4d.info.bandCount, pix4d.info.hasAlpha, pix4d.info.noData, pix4d.info.compression], [4, true, -10000, 'lzw']);
    await pix4d.close();
    const rgb = await openRaster(dataFile('geotiff/rasterio_RGB.byte.tif'));
    assert.equal(rgb.info.noData, 0);
    await rgb.close();
  });

  it('readWindow: a window of chosen bands, and the same place in an overview', async () => {
    const r = await openRaster(dataFile('geotiff/stars_L7_ETMs.tif'));
    try {
      const full = await r.readWindow({ x0: 100, y0: 50, x1: 164, y1: 82 }, { bands: [3, 1] });
      assert.deepEqual([full.width, full.height, full.bands.length, full.bands[0].length], [64, 32, 2, 64 * 32]);
      assert.ok(full.bands[0] instanceof Uint8Array);
      const all = await r.readWindow({ x0: 100, y0: 50, x1: 164, y1: 82 });
      assert.deepEqual(full.bands[0], all.bands[2]);
      assert.deepEqual(full.bands[1], all.bands[0]);
      const ov = await r.readWindow({ x0: 100, y0: 50, x1: 164, y1: 82 }, { overview: 1, bands: [1] });
      // 175x176 of 349x352: the window grows outward to whole overview pixels
      assert.deepEqual(ov.window, { x0: 50, y0: 25, x1: 83, y1: 41 });
      assert.deepEqual([ov.width, ov.height], [33, 16]);
    } finally { await r.close(); }
  });

  it('readWindow: bad windows, bands and overviews are invalid_argument', async () => {
    const input = dataFile('geotiff/rasterio_rgb1.tif');
    const r = await openRaster(input);
    try {
      await rejectsWith(r.readWindow({ x0: 0, y0: 0, x1: 401, y1: 10 }), 'invalid_argument', input, /outside/);
      await rejectsWith(r.readWindow({ x0: 5, y0: 0, x1: 5, y1: 10 }), 'invalid_argument', input);
      await rejectsWith(r.readWindow({ x0: 0, y0: 0, x1: 10, y1: 10 }, { bands: [4] }), 'invalid_argument', input, /band 4/);
      await rejectsWith(r.readWindow({ x0: 0, y0: 0, x1: 10, y1: 10 }, { overview: 1 }), 'invalid_argument', input, /overview 1/);
    } finally { await r.close(); }
  });

  it('a window over maxPixels is raster_too_large; a smaller one reads', async () => {
    const input = dataFile('geotiff/rasterio_RGB.byte.tif');
    const r = await openRaster(input, { maxPixels: 10_000 });
    try {
      await rejectsWith(r.readWindow({ x0: 0, y0: 0, x1: 101, y1: 100 }), 'raster_too_large', input, /10100 pixels/);
      assert.equal((await r.readWindow({ x0: 0, y0: 0, x1: 100, y1: 100 })).width, 100);
    } finally { await r.close(); }
  });

  it('a header declaring a gigantic image: info works, a whole-scene read is refused without allocating', async () => {
    const file = path.join(tmp, 'gigantic.tif');
    writeFileSync(file, writeTiff({ width: 2_000_000, height: 1_500_000, pixels: new Uint8Array(16) }));
    const r = await openRaster(file);
    try {
      assert.deepEqual([r.info.width, r.info.height, r.info.georeferenced], [2_000_000, 1_500_000, false]);
      await rejectsWith(r.readWindow({ x0: 0, y0: 0, x1: 2_000_000, y1: 1_500_000 }), 'raster_too_large', file);
    } finally { await r.close(); }
  });

  it('a TIFF without georeferencing opens with georeferenced: false and null corners', async () => {
    const file = path.join(tmp, 'plain.tif');
    const pixels = Uint8Array.from({ length: 12 }, (_, i) => i * 10);
    writeFileSync(file, writeTiff({ width: 4, height: 3, pixels }));
    const r = await openRaster(file);
    try {
      assert.equal(r.info.georeferenced, false);
      assert.equal(r.info.geotransform, undefined);
      assert.equal(r.info.crs, undefined);
      const c = sceneCorners(r.info);
      assert.equal(c.upperLeft, null);
      assert.equal(c.reasons.center, 'not georeferenced');
      assert.deepEqual(Array.from((await r.readWindow({ x0: 1, y0: 1, x1: 3, y1: 2 })).bands[0]), [50, 60]);
    } finally { await r.close(); }
  });

  it('a rotated raster (ModelTransformationTag): pixel ↔ CRS and WGS 84 corners by hand', async () => {
    const file = path.join(tmp, 'rotated.tif');
    // 30° rotation, 2 m pixels, origin (500000, 4000000) in UTM 33N:
    // x = 500000 + √3·px + py, y = 4000000 + px − √3·py
    const s3 = Math.sqrt(3);
    writeFileSync(file, writeTiff({
      width: 10, height: 8, pixels: new Uint8Array(80),
      extraTags: [
        { tag: 34264, type: 12, values: [s3, 1, 0, 500000, 1, -s3, 0, 4000000, 0, 0, 0, 0, 0, 0, 0, 1] },
        geoKeyDirectory([[1024, 1], [1025, 1], [3072, 32633]]),
      ],
    }));
    const r = await openRaster(file);
    try {
      const gt = r.info.geotransform!;
      assert.deepEqual([...gt], [500000, s3, 1, 4000000, 1, -s3]);
      assert.equal(r.info.crs?.epsg, 32633);
      const [x, y] = pixelToCrs(gt, 10, 8);
      assert.ok(Math.abs(x - (500000 + 10 * s3 + 8)) < 1e-9 && Math.abs(y - (4000000 + 10 - 8 * s3)) < 1e-9);
      const [px, py] = crsToPixel(gt, 500000 + 3 * s3 + 5, 4000000 + 3 - 5 * s3);
      assert.ok(Math.abs(px - 3) < 1e-9 && Math.abs(py - 5) < 1e-9);
      // UTM 33N false easting on the central meridian (15°E): the origin is at lon 15 exactly
      const c = sceneCorners(r.info);
      assert.ok(Math.abs(c.upperLeft![0] - 15) < 1e-9, `${c.upperLeft}`);
      assert.ok(Math.abs(r.info.gsdM! - 2) < 1e-9);
    } finally { await r.close(); }
  });

  it('errors name the input: missing file, text, JPEG, directory, unsupported CRS', async () => {
    const missing = path.join(tmp, 'nope.tif');
    await rejectsWith(openRaster(missing), 'input_not_found', missing);
    const text = path.join(tmp, 'notes.tif');
    writeFileSync(text, 'this is not a TIFF at all\n');
    await rejectsWith(openRaster(text), 'not_a_raster', text);
    const jpeg = path.join(tmp, 'photo.jpg');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]));
    await rejectsWith(openRaster(jpeg), 'not_a_raster', jpeg);
    await rejectsWith(openRaster(tmp), 'not_a_raster', tmp);
    const british = path.join(tmp, 'bng.tif');
    writeFileSync(british, writeTiff({
      width: 2, height: 2, pixels: new Uint8Array(4),
      extraTags: [{ tag: 33550, type: 12, values: [1, 1, 0] }, { tag: 33922, type: 12, values: [0, 0, 0, 400000, 300000, 0] }, geoKeyDirectory([[1024, 1], [3072, 27700]])],
    }));
    await rejectsWith(openRaster(british), 'unsupported_crs', british, /EPSG:27700/);
  });

  it('a file cut short in its tiles: info opens, reading the lost part is truncated, the kept part reads', async () => {
    for (const name of ['rasterio_cogeo.tif', 'stars_L7_ETMs.tif']) {
      const file = path.join(tmp, `cut-${name}`);
      copyFileSync(dataFile(`geotiff/${name}`), file);
      truncateSync(file, Math.floor(statSync(file).size * 0.6));
      const r = await openRaster(file);
      try {
        await rejectsWith(r.readWindow({ x0: 0, y0: 0, x1: r.info.width, y1: r.info.height }), 'truncated', file, /truncated/);
      } finally { await r.close(); }
    }
    // stars is stored in strips with its overviews last: the first rows are still there
    const file = path.join(tmp, 'cut-stars_L7_ETMs.tif');
    const r = await openRaster(file);
    try {
      assert.equal((await r.readWindow({ x0: 0, y0: 0, x1: 349, y1: 3 }, { bands: [1] })).height, 3);
    } finally { await r.close(); }
    assert.ok(readFileSync(file).length > 0);
  });
});
