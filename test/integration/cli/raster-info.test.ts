import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatRasterInfo, rasterInfoReport } from '../../../src/cli/commands/raster-info-command';
import { openRaster } from '../../../src/sources/raster';
import { dataFile, REPO_ROOT } from '../../support/paths';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');
const run = (args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { cwd: REPO_ROOT });

describe('groundstream raster info', () => {
  it('--json: size, bands, CRS, geotransform, overviews and WGS 84 corners equal to GDAL\'s', async () => {
    const { stdout } = await run(['raster', 'info', dataFile('geotiff/stars_L7_ETMs.tif'), '--json']);
    const r = JSON.parse(stdout);
    const gdal = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/raster/gdal-corners.json'), 'utf8')).files['stars_L7_ETMs.tif'];
    assert.deepEqual([r.width, r.height, r.bandCount, r.dataType, r.crs.epsg, r.overviews.length, r.noData], [349, 352, 6, 'uint8', 31985, 4, null]);
    for (const name of ['upperLeft', 'upperRight', 'lowerLeft', 'lowerRight', 'center']) {
      assert.ok(Math.abs(r.corners[name][0] - gdal.corners[name][0]) < 1e-6 && Math.abs(r.corners[name][1] - gdal.corners[name][1]) < 1e-6, name);
    }
  });

  it('text: readable lines; geostationary corners off the disk say why', async () => {
    const { stdout } = await run(['raster', 'info', dataFile('geotiff/rasterio_goes.tif')]);
    assert.match(stdout, /542 x 542 px, 3 bands of uint8, with a mask/);
    assert.match(stdout, /\+proj=geos/);
    assert.match(stdout, /upperLeft +unavailable \(.*outside the projection's domain\)/);
    assert.match(stdout, /center +-75\.0000011, +0\.0000011/);
  });

  it('a missing file exits 1 with input_not_found', async () => {
    await assert.rejects(run(['raster', 'info', '/nonexistent/x.tif']), (e: { code: number; stderr: string }) => e.code === 1 && /input_not_found/.test(e.stderr));
  });

  it('formatRasterInfo of a non-georeferenced report says so', async () => {
    const r = await openRaster(dataFile('geotiff/rasterio_RGB.byte.tif'));
    const report = rasterInfoReport({ ...r.info, georeferenced: false, geotransform: undefined, crs: undefined });
    await r.close();
    assert.match(formatRasterInfo(report), /georeferenced: no/);
    assert.equal(report.corners.upperLeft, null);
  });
});
