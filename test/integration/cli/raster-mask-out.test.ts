import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openRaster } from '../../../src/sources/raster';
import { tiffLayout } from '../../support/tiff-layout';
import { dataFile, REPO_ROOT } from '../../support/paths';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');
const run = (args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, maxBuffer: 32 << 20 });
const GDALINFO = '/usr/bin/gdalinfo';
const COG_VALIDATOR = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';


describe('groundstream raster --mask-out (class-mask COG)', () => {
  let tmp: string;
  let mask: string;
  let stderr: string;
  const scenePath = () => dataFile('geotiff/stars_L7_ETMs.tif');
  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-raster-mask-out-'));
    mask = path.join(tmp, 'mask.tif');
    ({ stderr } = await run(['raster', scenePath(), '--sensor', 'landsat7', '--query', 'water', '--out', path.join(tmp, 'water.geojson'), '--mask-out', mask]));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('says what it wrote and the class table', () => {
    assert.match(stderr, /class mask written to .*mask\.tif \(1=water; 1 overviews\)/);
  });

  it('reads back with groundstream: the scene\'s size, geotransform and CRS; water where the sea is', async () => {
    const [m, s] = [await openRaster(mask), await openRaster(scenePath())];
    try {
      assert.equal(m.info.width, s.info.width);
      assert.equal(m.info.height, s.info.height);
      assert.equal(m.info.bandCount, 1);
      assert.equal(m.info.dataType, 'uint8');
      assert.equal(m.info.tileWidthPx, 256);
      assert.deepEqual(m.info.geotransform, s.info.geotransform);
      assert.equal(m.info.crs?.epsg, s.info.crs?.epsg);
      assert.equal(m.info.overviews.length, 1);
      const px = await m.readWindow({ x0: 0, y0: 0, x1: m.info.width, y1: m.info.height });
      const at = (x: number, y: number) => px.bands[0][y * m.info.width + x];
      assert.equal(at(330, 330), 1, 'water');
      assert.equal(at(20, 20), 0, 'land');
      // the marked area agrees with the polygons' area in the GeoJSON (within the simplification)
      const marked = (px.bands[0] as Uint8Array).reduce((n, v) => n + (v === 1 ? 1 : 0), 0);
      assert.ok(marked > 15_000 && marked < 25_000, `${marked} water pixels`);
    } finally {
      await m.close();
      await s.close();
    }
  });

  (existsSync(GDALINFO) ? it : it.skip)('gdalinfo reads a GeoTIFF with the scene\'s CRS and geotransform, overviews and CLASS_1=water', () => {
    const info = JSON.parse(execFileSync(GDALINFO, ['-json', mask], { encoding: 'utf8' }));
    const scene = JSON.parse(execFileSync(GDALINFO, ['-json', scenePath()], { encoding: 'utf8' }));
    assert.equal(info.driverShortName, 'GTiff');
    assert.deepEqual(info.size, scene.size);
    assert.deepEqual(info.geoTransform, scene.geoTransform);
    assert.equal(info.coordinateSystem.wkt, scene.coordinateSystem.wkt);
    assert.equal(info.metadata[''].CLASS_1, 'water');
    assert.equal(info.metadata.IMAGE_STRUCTURE.COMPRESSION, 'DEFLATE');
    const band = info.bands[0];
    assert.equal(band.type, 'Byte');
    assert.deepEqual(band.block, [256, 256]);
    assert.match(band.description, /1=water/);
    assert.equal(band.overviews.length, 1);
    const loc = (x: number, y: number) => execFileSync('/usr/bin/gdallocationinfo', ['-valonly', mask, String(x), String(y)], { encoding: 'utf8' }).trim();
    assert.equal(loc(330, 330), '1');
    assert.equal(loc(20, 20), '0');
  });

  it('is a Cloud-Optimized GeoTIFF: GDAL\'s validator where installed, and the layout checked by hand', () => {
    if (existsSync(COG_VALIDATOR) && existsSync('/usr/bin/python3')) {
      const out = execFileSync('/usr/bin/python3', [COG_VALIDATOR, '--full-check=yes', mask], { encoding: 'utf8' });
      assert.match(out, /is a valid cloud optimized GeoTIFF/);
    }
    const { ifds, tiles } = tiffLayout(mask);
    assert.equal(ifds.length, 2);
    assert.equal(ifds[0], 8);
    const first = tiles.map((t) => Math.min(...t.filter((o) => o > 0)));
    const last = tiles.map((t) => Math.max(...t));
    assert.ok(Math.max(...ifds) < Math.min(...first), 'every IFD before any tile data');
    assert.ok(last[1] < first[0], 'overview tiles before full-resolution tiles');
  });
});
