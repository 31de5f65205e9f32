import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { dataFile, modelSearchPath } from '../../support/paths';

describe('empty tiles: alpha collars and nodata are skipped and counted', () => {
  let engine: Engine;
  before(() => { engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 }); });
  after(() => engine.close());

  // Which 64 px tiles are wholly transparent or nodata was read once with GDAL (band 4 == 0 / all bands == 0).
  const cases: { file: string; tiles: number; empty: string[] }[] = [
    { file: 'riotiler_pix4d_alpha_nodata.tif', tiles: 11 * 12, empty: ['r0c9', 'r0c10', 'r11c0'] },
  ];
  for (const c of cases) {
    it(`${c.file}: ${c.empty.length} of ${c.tiles} tiles of 64 px hold no data`, async () => {
      const events = await lastValueFrom(engine.groundRaster({ source: dataFile(`geotiff/${c.file}`), query: 'cars', tileSizePx: 64, overlapPx: 0 }).pipe(toArray()));
      const tiles = events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE);
      assert.equal(tiles.length, c.tiles);
      const skipped = tiles.filter((t) => t.notes.some((n) => /no data/.test(n))).map((t) => t.tileId);
      assert.deepEqual(skipped, c.empty);
      const summary = events[events.length - 1];
      assert.deepEqual(summary.notes, [`${c.empty.length} of ${c.tiles} tiles held no data and were skipped`]);
    });
  }
});
