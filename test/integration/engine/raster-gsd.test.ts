import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { createTileReader, openRaster } from '../../../src/sources/raster';
import { dataFile, modelSearchPath } from '../../support/paths';

describe('overview by target ground sample distance (rasterio_cogeo.tif: 0.6 m, 6 overviews)', () => {
  let engine: Engine;
  before(() => { engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 }); });
  after(() => engine.close());

  it('a tile read from an overview maps back to full-resolution scene pixels', async () => {
    const raster = await openRaster(dataFile('geotiff/rasterio_cogeo.tif'));
    try {
      assert.equal(raster.chooseOverview(1.2), 1);
      const reader = await createTileReader(raster, { overview: 1 });
      const frame = (await reader.readTile({ x0: 0, y0: 0, x1: 832, y1: 832 }))!;
      assert.deepEqual([frame.width, frame.height, frame.sourceWidth, frame.sourceHeight], [416, 416, 832, 832]);
      assert.deepEqual(frame.toSource, { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 });
    } finally {
      await raster.close();
    }
  });

  const cases: { gsdM?: number; tiles: number; tilePx: number }[] = [
    { tiles: 16, tilePx: 416 },
    { gsdM: 1.2, tiles: 4, tilePx: 832 },
    { gsdM: 0.3, tiles: 16, tilePx: 416 },
  ];
  for (const c of cases) {
    it(`${c.gsdM ? `--gsd ${c.gsdM}` : 'no --gsd'}: ${c.tiles} tiles of ${c.tilePx} scene pixels, results in scene pixels`, async () => {
      const events = await lastValueFrom(engine.groundRaster({ source: dataFile('geotiff/rasterio_cogeo.tif'), gsdM: c.gsdM, scoreThreshold: 0.05 }).pipe(toArray()));
      const tiles = events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE);
      assert.equal(tiles.length, c.tiles);
      assert.equal(tiles[0].window!.x1 - tiles[0].window!.x0, c.tilePx);
      const scene = events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!;
      for (const r of scene.regions) assert.ok(r.box[0] >= 0 && r.box[2] <= 1024 && r.box[1] >= 0 && r.box[3] <= 1024, `box ${r.box}`);
      if (c.gsdM) assert.ok(scene.notes.some((n) => /overview|full resolution/.test(n)), scene.notes.join(' | '));
    });
  }
});
