import assert from 'node:assert/strict';
import { EventKind, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { dataFile, modelSearchPath } from '../../support/paths';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('raster requests read tiles at the consumer\'s pace', () => {
  let engine: Engine;
  // One session, so that one tile is in inference at a time and the counts below are exact.
  before(() => { engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 1, sessionsPerModel: 1 }); });
  after(() => engine.close());

  it('reads no tile until ready() lets it, and finishes once the consumer keeps up', async () => {
    const permits: (() => void)[] = [];
    let asked = 0;
    const ready = () => { asked++; return new Promise<void>((resolve) => permits.push(resolve)); };
    const events: GroundingEvent[] = [];
    const done = new Promise<void>((resolve, reject) => {
      engine.groundRaster({ source: dataFile('geotiff/rasterio_cogeo.tif') }, { ready }).subscribe({ next: (e) => events.push(e), error: reject, complete: resolve });
    });
    await sleep(1500);
    assert.equal(events.length, 0, 'no tile before the first permit');
    assert.ok(asked >= 1 && asked <= 2, `${asked} reads wait for a permit: the current tile and at most one read ahead`);
    for (let i = 0; i < 3; i++) {
      permits.shift()!();
      while (permits.length === 0) await sleep(20);
    }
    const tileCount = () => events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE).length;
    for (let waited = 0; tileCount() < 3 && waited < 5000; waited += 20) await sleep(20);
    await sleep(300);
    assert.equal(tileCount(), 3, 'three permits, three tiles');
    const release = setInterval(() => permits.shift()?.(), 5);
    await done;
    clearInterval(release);
    assert.equal(events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE).length, 16);
    assert.equal(events[events.length - 1].kind, EventKind.EVENT_KIND_SUMMARY);
  });
});
