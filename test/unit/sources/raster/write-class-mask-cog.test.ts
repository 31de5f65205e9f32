import assert from 'node:assert/strict';
import { tiffLayout } from '../../../support/tiff-layout';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GeoTIFF, fromFile } from 'geotiff';
import type { GeoTransform } from '../../../../src/geo/geotransform';
import { openRaster } from '../../../../src/sources/raster';
import {
  CLASS_MASK_TILE_PX, classMaskGdalMetadata, classMaskLevels, reduceClasses2x, writeClassMaskCog, type ClassMaskCogOptions,
} from '../../../../src/sources/raster/write-class-mask-cog';

const T = CLASS_MASK_TILE_PX;
/** Class of a scene pixel in the synthetic scene: 1 in a box, 2 in a diagonal band, else 0. */
function classAt(x: number, y: number): number {
  if (x >= 300 && x < 700 && y >= 100 && y < 400) return 1;
  if (Math.abs(x - y) < 3) return 2;
  return 0;
}
const tileOf = (calls: { n: number }) => (w: { x0: number; y0: number }): Uint8Array => {
  calls.n++;
  const out = new Uint8Array(T * T);
  for (let r = 0; r < T; r++) for (let c = 0; c < T; c++) out[r * T + c] = classAt(w.x0 + c, w.y0 + r);
  return out;
};

/** Offsets of the IFDs and of the first tile of each level, straight from the file. */
/** IFD offsets, and each level's first and last non-sparse tile offset. */
function layout(file: string): { ifds: number[]; firstTile: number[]; lastTile: number[] } {
  const { ifds, tiles } = tiffLayout(file);
  const nonzero = tiles.map((offsets) => offsets.filter((o) => o > 0));
  return { ifds, firstTile: nonzero.map((o) => Math.min(...o)), lastTile: nonzero.map((o) => Math.max(...o)) };
}

const hasGdal = existsSync('/usr/bin/gdalinfo');

describe('writeClassMaskCog', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-class-mask-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const gt: GeoTransform = [500000, 10, 0, 4000000, 0, -10];
  const base = (calls: { n: number }): ClassMaskCogOptions => ({
    width: 1000, height: 600, classes: ['building', 'road'], tile: tileOf(calls),
    georeference: { geotransform: gt, epsg: 32618, geographic: false },
  });

  it('levels: 2×, 4×, … until both sides are ≤ 256', () => {
    assert.deepEqual(classMaskLevels(1000, 600), [{ width: 1000, height: 600 }, { width: 500, height: 300 }, { width: 250, height: 150 }]);
    assert.deepEqual(classMaskLevels(256, 100), [{ width: 256, height: 100 }]);
    assert.deepEqual(classMaskLevels(257, 3), [{ width: 257, height: 3 }, { width: 129, height: 2 }]);
  });

  it('reduces 2×2 blocks to their most frequent non-zero class', () => {
    const src = Uint8Array.from([0, 0, 0, 3, 5, 2, 0, 0, 0, 2, 7]);
    // 3×3 image (row-major, last two values ignored) → 2×2
    const r = reduceClasses2x(src.subarray(0, 9), 3, 3);
    assert.deepEqual([r.width, r.height], [2, 2]);
    assert.deepEqual(Array.from(r.data), [3, 2, 0, 0]);
    assert.deepEqual(Array.from(reduceClasses2x(Uint8Array.from([1, 2, 2, 0]), 2, 2).data), [2]);
    assert.deepEqual(Array.from(reduceClasses2x(Uint8Array.from([2, 1, 1, 2]), 2, 2).data), [1]);
  });

  it('names classes in GDAL metadata', () => {
    const xml = classMaskGdalMetadata(['water', 'a<b']);
    assert.match(xml, /<Item name="CLASS_1">water<\/Item>/);
    assert.match(xml, /<Item name="CLASS_2">a&lt;b<\/Item>/);
    assert.match(xml, /role="description">class index: 0=none, 1=water, 2=a&lt;b</);
  });

  it('reads back with geotiff.js: size, tiles, overviews, values, geotransform, CRS, class names', async () => {
    const file = path.join(tmp, 'mask.tif');
    const calls = { n: 0 };
    const res = await writeClassMaskCog(file, base(calls));
    assert.equal(calls.n, 4 * 3, 'one callback per full-resolution tile');
    assert.equal(res.levels.length, 3);
    const r = await openRaster(file);
    try {
      assert.equal(r.info.width, 1000);
      assert.equal(r.info.height, 600);
      assert.equal(r.info.bandCount, 1);
      assert.equal(r.info.dataType, 'uint8');
      assert.equal(r.info.tiled, true);
      assert.equal(r.info.tileWidthPx, 256);
      assert.equal(r.info.tileHeightPx, 256);
      assert.deepEqual(r.info.overviews.map((o) => [o.width, o.height]), [[500, 300], [250, 150]]);
      assert.deepEqual(r.info.geotransform, gt);
      assert.equal(r.info.crs?.epsg, 32618);
      const px = await r.readWindow({ x0: 0, y0: 0, x1: 1000, y1: 600 });
      const band = px.bands[0];
      for (const [x, y] of [[0, 0], [5, 5], [10, 5], [300, 100], [699, 399], [700, 399], [299, 250], [999, 599], [550, 550], [256, 256], [511, 300]]) {
        assert.equal(band[y * 1000 + x], classAt(x, y), `pixel (${x}, ${y})`);
      }
      const ov = await r.readWindow({ x0: 0, y0: 0, x1: 1000, y1: 600 }, { overview: 1 });
      assert.equal(ov.width, 500);
      assert.equal(ov.bands[0][150 * 500 + 250], 1);
      assert.equal(ov.bands[0][20 * 500 + 20], 2);
      assert.equal(ov.bands[0][10 * 500 + 400], 0);
    } finally {
      await r.close();
    }
    const tiff: GeoTIFF = await fromFile(file);
    const img = await tiff.getImage(0);
    const meta = await img.getGDALMetadata();
    assert.equal(meta?.CLASS_1, 'building');
    assert.equal(meta?.CLASS_2, 'road');
    await tiff.close();
  });

  it('lays the file out COG-style: IFDs first, then tiles from the smallest overview to full resolution', async () => {
    const file = path.join(tmp, 'layout.tif');
    await writeClassMaskCog(file, base({ n: 0 }));
    const { ifds, firstTile, lastTile } = layout(file);
    assert.equal(ifds.length, 3);
    assert.equal(ifds[0], 8);
    assert.ok(ifds[1] > ifds[0] && ifds[2] > ifds[1]);
    assert.ok(Math.max(...ifds) < Math.min(...firstTile), 'all IFDs before any tile data');
    assert.ok(lastTile[2] < firstTile[1] && lastTile[1] < firstTile[0], 'smallest overview first, full resolution last');
  });

  it('writes a rotated geotransform as ModelTransformation and a user-defined CRS as a PROJ citation', async () => {
    const file = path.join(tmp, 'rotated.tif');
    const rotated: GeoTransform = [1000, 8, 2, 5000, 2, -8];
    const proj4 = '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    await writeClassMaskCog(file, { width: 300, height: 200, classes: ['x'], tile: () => new Uint8Array(T * T).fill(1), georeference: { geotransform: rotated, geographic: false, proj4 } });
    const r = await openRaster(file);
    try {
      assert.deepEqual(r.info.geotransform, rotated);
      assert.equal(r.info.crs?.epsg, undefined);
      assert.equal(r.info.crs?.proj4, proj4);
      assert.deepEqual(r.info.overviews.map((o) => [o.width, o.height]), [[150, 100]]);
    } finally {
      await r.close();
    }
  });

  it('writes a geographic CRS as GeographicType', async () => {
    const file = path.join(tmp, 'geog.tif');
    await writeClassMaskCog(file, { width: 10, height: 10, classes: [], tile: () => new Uint8Array(T * T), georeference: { geotransform: [10, 0.1, 0, 50, 0, -0.1], epsg: 4326, geographic: true } });
    const r = await openRaster(file);
    try {
      assert.equal(r.info.crs?.epsg, 4326);
      assert.equal(r.info.crs?.geographic, true);
      assert.deepEqual(r.info.overviews, []);
    } finally {
      await r.close();
    }
  });

  it('refuses a bad size and too many classes', async () => {
    await assert.rejects(writeClassMaskCog(path.join(tmp, 'x.tif'), { width: 0, height: 5, classes: [], tile: () => new Uint8Array(T * T) }), /positive whole number/);
    await assert.rejects(writeClassMaskCog(path.join(tmp, 'x.tif'), { width: 5, height: 5, classes: Array.from({ length: 256 }, (_, i) => `c${i}`), tile: () => new Uint8Array(T * T) }), /at most 255/);
  });

  (hasGdal ? it : it.skip)('GDAL reads sparse empty tiles as 0: same checksums as the dense file', async () => {
    const dense = path.join(tmp, 'dense.tif');
    const sparse = path.join(tmp, 'sparse.tif');
    await writeClassMaskCog(dense, base({ n: 0 }));
    await writeClassMaskCog(sparse, { ...base({ n: 0 }), sparse: true });
    assert.ok(readFileSync(sparse).length < readFileSync(dense).length);
    const sums = (f: string) => execFileSync('/usr/bin/gdalinfo', ['-checksum', f], { encoding: 'utf8' }).match(/Checksum=\d+|Overviews checksum: [\d, ]+/g);
    assert.deepEqual(sums(sparse), sums(dense));
    assert.equal(sums(dense)?.length, 2);
  });
});
