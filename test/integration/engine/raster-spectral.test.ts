import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { isGroundstreamError } from '../../../src/core/errors';
import { EventKind, type GroundingEvent, type Region } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { toSceneGeoreference } from '../../../src/geo/scene-georeference';
import { mndwi, ndwi } from '../../../src/grounding/spectral';
import { openRaster } from '../../../src/sources/raster';
import { dataFile, modelSearchPath } from '../../support/paths';

type Pt = [number, number];
/** Even-odd point in polygon over every ring (exterior and holes). */
function inPolygon([x, y]: Pt, rings: Pt[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
const rings = (r: Region) => (r.geometry as { coordinates: Pt[][] }).coordinates;

describe('engine: spectral experts on stars_L7_ETMs.tif (Landsat 7 bands 1-5,7, Olinda)', () => {
  let engine: Engine;
  const stars = () => dataFile('geotiff/stars_L7_ETMs.tif');
  before(() => { engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 }); });
  after(() => engine.close());
  const run = (req: Parameters<Engine['groundRaster']>[0]) => lastValueFrom(engine.groundRaster(req).pipe(toArray()));
  const sceneOf = (events: GroundingEvent[]) => events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!;

  it('"water" with --sensor landsat7: the sea (330, 330) is in a water polygon, the city (20, 20) in none', async () => {
    const events = await run({ source: stars(), query: 'water', sensor: 'landsat7', tileSizePx: 128, overlapPx: 32 });
    const tiles = events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE);
    assert.equal(tiles.length, 16);
    assert.ok(tiles.every((t) => t.notes.some((n) => /^water: \d+ of \d+ px .* by MNDWI > 0.2$/.test(n))));
    const scene = sceneOf(events);
    const water = scene.regions.filter((r) => r.label === 'water');
    assert.ok(water.length >= 1);
    assert.ok(scene.notes.includes('spectral water: MNDWI (green, swir1) > 0.2'));
    assert.ok(scene.notes.some((n) => /landsat7 preset by band count \(6\)/.test(n)));
    // the real output, tested in lon/lat against the GeoJSON and in pixels against the boxes
    const raster = await openRaster(stars());
    const georef = toSceneGeoreference(raster.info);
    await raster.close();
    const sea = georef.toLonLat(330.5, 330.5), city = georef.toLonLat(20.5, 20.5);
    assert.ok(water.some((r) => inPolygon(sea, rings(r))), 'pixel (330, 330) lies in a water polygon');
    assert.ok(!water.some((r) => inPolygon(city, rings(r))), 'pixel (20, 20) lies in none');
    for (const r of water) {
      assert.equal(r.phrase, 'water');
      assert.ok(r.score > 0.2 && r.score <= 1, `score ${r.score} is the mean MNDWI`);
      const ring = rings(r)[0];
      assert.deepEqual(ring[0], ring[ring.length - 1]);
      assert.equal(r.nativeBox.length, 4);
    }
    // one sea polygon across all 16 tiles, not one per tile
    const biggest = water.reduce((a, b) => ((b.box[2] - b.box[0]) * (b.box[3] - b.box[1]) > (a.box[2] - a.box[0]) * (a.box[3] - a.box[1]) ? b : a));
    assert.ok(biggest.box[2] - biggest.box[0] > 128 && biggest.box[3] - biggest.box[1] > 256, `sea box ${biggest.box}`);
    const summary = events[events.length - 1];
    assert.equal(summary.summary!.labelCounts.water, water.length);
    assert.deepEqual(summary.models.map((m) => m.id), ['spectral-index'], 'no detector for a spectral-only query');
  });

  it('the choice of index matters: NDWI > 0 on raw numbers marks ~57% of the scene, MNDWI > 0.2 far less', async () => {
    const raster = await openRaster(stars());
    const { bands } = await raster.readWindow({ x0: 0, y0: 0, x1: raster.info.width, y1: raster.info.height }, { bands: [2, 4, 5] });
    await raster.close();
    const share = (v: Float32Array, t: number) => v.reduce((n, x) => n + (x > t ? 1 : 0), 0) / v.length;
    const ndwiShare = share(ndwi(bands[0], bands[1]), 0);
    const mndwiShare = share(mndwi(bands[0], bands[2]), 0.2);
    assert.ok(Math.abs(ndwiShare - 0.57) < 0.02, `NDWI share ${ndwiShare}`);
    assert.ok(mndwiShare < 0.25 && ndwiShare > 2 * mndwiShare, `MNDWI share ${mndwiShare}`);
    // and the engine's own coverage note agrees with MNDWI
    const scene = sceneOf(await run({ source: stars(), query: 'sea', sensor: 'landsat7' }));
    const note = scene.notes.find((n) => /^water marks/.test(n))!;
    assert.match(note, new RegExp(`^water marks ${Math.round(mndwiShare * 349 * 352)} px`));
    // NDWI when only NIR is named: much more is marked, with the caveat
    const ndwiScene = sceneOf(await run({ source: stars(), query: 'water', bandRoles: '_,green,_,nir' }));
    assert.ok(ndwiScene.notes.some((n) => /NDWI \(green, nir\) was used because no swir1/.test(n)));
    assert.ok(ndwiScene.notes.some((n) => /^water marks .*\((5[5-9])\.\d% of the window\)/.test(n)), ndwiScene.notes.join(' | '));
  });

  it('vegetation, bare soil and a mix with a detector label, thresholds overridable', async () => {
    const events = await run({ source: stars(), query: 'water, forests, bare soil and cars', sensor: 'landsat7', spectralThresholds: { water: 0.3 } });
    const scene = sceneOf(events);
    assert.ok(scene.notes.includes('spectral water: MNDWI (green, swir1) > 0.3'));
    assert.ok(scene.notes.includes('spectral vegetation: NDVI (red, nir) > 0.3'));
    assert.ok(scene.notes.includes('spectral bare soil: BSI (blue, red, nir, swir1) > 0.1'));
    assert.ok(scene.regions.some((r) => r.label === 'vegetation' && r.phrase === 'forests'));
    const summary = events[events.length - 1];
    assert.deepEqual(summary.models.map((m) => m.id), ['yolox-nano-416', 'spectral-index'], 'cars go to the detector');
    assert.deepEqual(summary.query!.ungroundable, []);
  });

  it('band descriptions-free 6-band file without a preset: a clear error naming --band-roles/--sensor', async () => {
    await assert.rejects(run({ source: stars(), query: 'water' }), (e: unknown) =>
      isGroundstreamError(e, 'invalid_argument') && /water needs .*NIR.*SWIR.*--band-roles.*--sensor/s.test(e.message));
  });

  it('an RGB-only raster asking for water: NIR/SWIR bands are needed', async () => {
    await assert.rejects(run({ source: dataFile('geotiff/rasterio_RGB.byte.tif'), query: 'water' }), (e: unknown) =>
      isGroundstreamError(e, 'invalid_argument') && /water needs MNDWI \(green, swir1\) or NDWI \(green, nir\); this input has red, green, blue\. Near-infrared \(NIR\) or short-wave infrared \(SWIR\) bands are needed/.test(e.message) && /--band-roles/.test(e.message));
  });

  it('an RGB-only raster asking for water and cars: the detector runs and the result says why water is missing', async () => {
    const scene = sceneOf(await run({ source: dataFile('geotiff/rasterio_RGB.byte.tif'), query: 'water and cars' }));
    assert.ok(scene.notes.some((n) => /water needs .*NIR/.test(n)));
    assert.ok(scene.regions.every((r) => r.label !== 'water'));
  });

  it('a query reaching nothing is still refused', async () => {
    await assert.rejects(run({ source: stars(), query: 'unicorns', sensor: 'landsat7' }), (e: unknown) => isGroundstreamError(e, 'nothing_groundable'));
  });
});
