import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dataFile, REPO_ROOT } from '../../support/paths';

const BIN = path.join(REPO_ROOT, 'bin', 'groundstream.cjs');
const run = (args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, maxBuffer: 32 << 20 });

/** Twice the signed area of a lon/lat ring: positive when counter-clockwise. */
const signedArea2 = (ring: number[][]) => ring.slice(0, -1).reduce((a, [x, y], i) => a + x * ring[i + 1][1] - ring[i + 1][0] * y, 0);

describe('groundstream raster <scene> (GeoJSON out)', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-raster-cli-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes an RFC 7946 FeatureCollection and JSON Lines of tile, scene and summary events', async () => {
    const out = path.join(tmp, 'result.geojson');
    const events = path.join(tmp, 'events.jsonl');
    const stac = path.join(tmp, 'item.json');
    const { stderr } = await run(['raster', dataFile('geotiff/rasterio_cogeo.tif'), '--tile', '416', '--overlap', '128', '--out', out, '--events', events, '--stac', stac]);
    assert.match(stderr, /16 tiles in/);
    assert.match(stderr, /note: bands 1,2,3 as RGB/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal('crs' in fc, false, 'RFC 7946 has no crs member');
    assert.equal(fc.bbox.length, 4);
    assert.ok(fc.features.length >= 1);
    for (const f of fc.features) {
      assert.equal(f.geometry.type, 'Polygon');
      const ring = f.geometry.coordinates[0];
      assert.deepEqual(ring[0], ring[ring.length - 1], 'closed ring');
      assert.ok(signedArea2(ring) > 0, 'counter-clockwise exterior ring');
      assert.ok(ring.every(([lon, lat]: number[]) => lon > 128.6 && lon < 128.7 && lat > 37.6 && lat < 37.7), 'in Korea, as the scene');
      assert.equal(f.properties.pixelBox.length, 4);
      assert.equal(f.properties.nativeBox.length, 4);
      assert.equal(f.properties.nativeCrs, 'EPSG:3857');
      assert.match(f.properties.tileId, /^r\dc\d$/);
    }
    const item = JSON.parse(readFileSync(stac, 'utf8'));
    assert.equal(item.stac_version, '1.0.0');
    assert.equal(item.properties['proj:epsg'], 3857);
    assert.deepEqual(item.properties['proj:shape'], [1024, 1024]);
    assert.equal(item.assets.labels.href, 'result.geojson');
    assert.deepEqual(item.bbox, fc.bbox);
    const kinds = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l).kind);
    assert.deepEqual(kinds, [...Array(16).fill('EVENT_KIND_TILE'), 'EVENT_KIND_SCENE', 'EVENT_KIND_SUMMARY']);
  });

  it('says when a ground-level model runs on overhead imagery instead of just returning nothing', async () => {
    const out = path.join(tmp, 'cars.geojson');
    const { stderr } = await run(['raster', dataFile('geotiff/riotiler_hro_colorado_0.15m.tif'), '-q', 'cars', '--out', out]);
    assert.match(stderr, /note: yolox-nano-416 was trained on ground-level photos, and this scene is overhead imagery/);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).type, 'FeatureCollection');
  });

  it('refuses a file that is not a TIFF, naming it, with exit status 1', async () => {
    const notTiff = path.join(tmp, 'photo.tif');
    writeFileSync(notTiff, readFileSync(dataFile('images/fastestdet_3.jpg')));
    await assert.rejects(run(['raster', notTiff, '--out', path.join(tmp, 'x.geojson')]), (e: { code: number; stderr: string }) =>
      e.code === 1 && /not_a_raster/.test(e.stderr) && e.stderr.includes(notTiff));
  });

  it('refuses an overlap that is not smaller than the tile', async () => {
    await assert.rejects(run(['raster', dataFile('geotiff/rasterio_cogeo.tif'), '--tile', '256', '--overlap', '256']), (e: { code: number; stderr: string }) =>
      e.code === 1 && /overlap/i.test(e.stderr));
  });
});
