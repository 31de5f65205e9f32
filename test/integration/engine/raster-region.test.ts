import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { isGroundstreamError } from '../../../src/core/errors';
import { EventKind } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { toSceneGeoreference } from '../../../src/geo/scene-georeference';
import { createTileGrid, tilesIntersecting, windowContains } from '../../../src/geo/tile-grid';
import { openRaster } from '../../../src/sources/raster';
import { dataFile, modelSearchPath } from '../../support/paths';

describe('engine: region query (--bbox)', () => {
  let engine: Engine;
  before(() => { engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 }); });
  after(() => engine.close());
  const run = (req: Parameters<Engine['groundRaster']>[0]) => lastValueFrom(engine.groundRaster(req).pipe(toArray()));

  /** The WGS 84 bbox of a pixel window of a scene. */
  async function lonLatBbox(file: string, w: { x0: number; y0: number; x1: number; y1: number }): Promise<[number, number, number, number]> {
    const raster = await openRaster(file);
    const g = toSceneGeoreference(raster.info);
    await raster.close();
    const c = [g.toLonLat(w.x0, w.y0), g.toLonLat(w.x1, w.y0), g.toLonLat(w.x0, w.y1), g.toLonLat(w.x1, w.y1)];
    return [Math.min(...c.map((p) => p[0])), Math.min(...c.map((p) => p[1])), Math.max(...c.map((p) => p[0])), Math.max(...c.map((p) => p[1]))];
  }

  it('a bbox over the upper-left quarter of rasterio_RGB.byte.tif reads only the tiles meeting it, results inside', async () => {
    const file = dataFile('geotiff/rasterio_RGB.byte.tif'); // 791 × 718, EPSG:32618
    const quarter = { x0: 0, y0: 0, x1: 395, y1: 359 };
    const bbox = await lonLatBbox(file, quarter);
    const events = await run({ source: file, bbox, tileSizePx: 256, overlapPx: 64 });
    const tiles = events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE);
    const scene = events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!;
    const region = scene.window!;
    // lon/lat lines lean against the UTM grid, so the pixel hull of the bbox is a little larger than the quarter
    assert.ok(windowContains(region, quarter), JSON.stringify(region));
    assert.ok(region.x1 <= 395 + 12 && region.y1 <= 359 + 12, JSON.stringify(region));
    const whole = createTileGrid({ sceneWidthPx: 791, sceneHeightPx: 718, tileSizePx: 256, overlapPx: 64 });
    assert.equal(whole.tiles.length, 16);
    assert.equal(tiles.length, 4, 'a 2 × 2 grid over the region instead of 16 tiles');
    assert.ok(tiles.length <= tilesIntersecting(whole, region).length);
    for (const t of tiles) assert.ok(windowContains(region, t.window!), `tile ${t.tileId} ${JSON.stringify(t.window)} lies in the region`);
    assert.deepEqual([scene.width, scene.height], [791, 718]);
    assert.ok(scene.notes.some((n) => /^region query: bbox/.test(n)));
    for (const r of scene.regions) {
      const [x0, y0, x1, y1] = r.box;
      assert.ok(x0 >= region.x0 && y0 >= region.y0 && x1 <= region.x1 && y1 <= region.y1, `region ${r.label} ${r.box} inside ${JSON.stringify(region)}`);
      for (const [lon, lat] of (r.geometry as { coordinates: number[][][] }).coordinates[0]) {
        assert.ok(lon >= bbox[0] - 1e-3 && lon <= bbox[2] + 1e-3 && lat >= bbox[1] - 1e-3 && lat <= bbox[3] + 1e-3);
      }
    }
  });

  it('a native-CRS bbox on the spectral expert: water polygons of the south-east quarter of stars_L7 stay in it', async () => {
    const file = dataFile('geotiff/stars_L7_ETMs.tif');
    const gt = [288776.25000080315, 28.49999999927454, 0, 9120760.750028737, 0, -28.49999999927454];
    const [x0, y0] = [175, 176];
    const bbox: [number, number, number, number] = [gt[0] + x0 * gt[1], gt[3] + 352 * gt[5], gt[0] + 349 * gt[1], gt[3] + y0 * gt[5]];
    const events = await run({ source: file, query: 'water', sensor: 'landsat7', bbox, bboxCrs: 'native', tileSizePx: 128, overlapPx: 32 });
    const scene = events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!;
    assert.deepEqual(scene.window, { x0: 175, y0: 176, x1: 349, y1: 352 });
    assert.equal(events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE).length, 4);
    const water = scene.regions.filter((r) => r.label === 'water');
    assert.ok(water.length >= 1);
    for (const r of water) assert.ok(r.box[0] >= 175 && r.box[1] >= 176 && r.box[2] <= 349 && r.box[3] <= 352, `${r.box}`);
    assert.ok(water.some((r) => r.box[0] <= 330 && r.box[2] >= 331 && r.box[1] <= 330 && r.box[3] >= 331), 'the sea at (330, 330)');
  });

  it('a bbox outside the scene: invalid_argument naming the bbox and the scene\'s WGS 84 bbox', async () => {
    await assert.rejects(run({ source: dataFile('geotiff/rasterio_RGB.byte.tif'), bbox: [10, 45, 11, 46] }), (e: unknown) =>
      isGroundstreamError(e, 'invalid_argument') && /bbox \[10, 45, 11, 46\].*outside the scene: its WGS 84 bbox \[-78\.\d+, 23\.\d+, -76\.\d+, 25\.\d+\]/.test(e.message));
  });
});
