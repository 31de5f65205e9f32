import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dataFile, REPO_ROOT } from '../../support/paths';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');
const run = (args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, maxBuffer: 32 << 20 });

describe('groundstream raster --query water (spectral experts, region query)', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-raster-spectral-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('--sensor landsat7 --threshold water=0.25: water polygons in the GeoJSON, the method in the notes', async () => {
    const out = path.join(tmp, 'water.geojson');
    const { stderr } = await run(['raster', dataFile('geotiff/stars_L7_ETMs.tif'), '-q', 'the sea', '--sensor', 'landsat7', '--threshold', 'water=0.25', '--tile', '128', '--overlap', '32', '--out', out]);
    assert.match(stderr, /16 tiles in/);
    assert.match(stderr, /note: spectral water: MNDWI \(green, swir1\) > 0.25/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    assert.ok(fc.features.length >= 1);
    for (const f of fc.features) {
      assert.equal(f.properties.label, 'water');
      assert.equal(f.properties.phrase, 'sea');
      assert.equal(f.geometry.type, 'Polygon');
      assert.ok(f.geometry.coordinates[0].every(([lon, lat]: number[]) => lon > -34.92 && lon < -34.82 && lat > -8.05 && lat < -7.94));
    }
  });

  it('--band-roles and --bbox: only the tiles of the region', async () => {
    const events = path.join(tmp, 'events.jsonl');
    const { stderr } = await run(['raster', dataFile('geotiff/stars_L7_ETMs.tif'), '-q', 'vegetation', '--band-roles', 'blue,green,red,nir,swir1,swir2',
      '--bbox', '-34.9165,-7.995,-34.871,-7.9498', '--tile', '128', '--overlap', '32', '--out', path.join(tmp, 'veg.geojson'), '--events', events]);
    assert.match(stderr, /note: band roles from --band-roles/);
    assert.match(stderr, /note: region query: bbox/);
    const lines = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const scene = lines.find((e) => e.kind === 'EVENT_KIND_SCENE');
    assert.ok(scene.window.x1 <= 180 && scene.window.y1 <= 180, JSON.stringify(scene.window));
    assert.equal(lines.filter((e) => e.kind === 'EVENT_KIND_TILE').length, 4);
  });

  it('an RGB raster asking for water fails with exit 1 and says NIR/SWIR bands are needed', async () => {
    await assert.rejects(run(['raster', dataFile('geotiff/rasterio_RGB.byte.tif'), '-q', 'water', '--out', path.join(tmp, 'x.geojson')]), (e: { code: number; stderr: string }) =>
      e.code === 1 && /invalid_argument/.test(e.stderr) && /NIR.*SWIR/.test(e.stderr) && /--band-roles/.test(e.stderr));
  });

  it('refuses a malformed --bbox and --threshold', async () => {
    await assert.rejects(run(['raster', dataFile('geotiff/stars_L7_ETMs.tif'), '--bbox', '1,2,3']), (e: { stderr: string }) => /--bbox needs four numbers/.test(e.stderr));
    await assert.rejects(run(['raster', dataFile('geotiff/stars_L7_ETMs.tif'), '-q', 'water', '--threshold', 'cars=1']), (e: { stderr: string }) => /threshold 'cars=1'/.test(e.stderr));
  });
});
