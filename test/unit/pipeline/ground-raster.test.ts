import assert from 'node:assert/strict';
import { firstValueFrom, toArray } from 'rxjs';
import type { Detections } from '../../../src/core/detections';
import { EventKind } from '../../../src/core/events';
import type { Frame } from '../../../src/core/frame';
import { createTileGrid, type PixelWindow } from '../../../src/geo/tile-grid';
import type { Detector } from '../../../src/models/detector';
import { groundRaster } from '../../../src/pipeline/ground-raster';

/** One 40x40 car at scene [380, 100, 420, 140]: on the seam of two 416 tiles overlapping by 128. */
const CAR = [380, 100, 420, 140];

function frameOf(window: PixelWindow): Frame {
  const w = window.x1 - window.x0;
  const h = window.y1 - window.y0;
  return { sourceId: `${window.x0},${window.y0}`, index: 0, ptsSec: 0, width: w, height: h, layout: 'gbrp', pixels: new Uint8Array(w * h * 3), sourceWidth: w, sourceHeight: h, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

/** Sees the car in every tile that holds it whole, in that tile's pixels, and a cut half where it is cut. */
const detector: Detector = {
  id: 'fake', version: 'v1', labels: ['car'], defaultScoreThreshold: 0.3,
  inputFormat: { width: 416, height: 416, layout: 'gbrp', fit: 'letterbox', padValue: 114 },
  async detect(frame: Frame): Promise<Detections> {
    const [x0, y0] = frame.sourceId.split(',').map(Number);
    const x1 = Math.max(CAR[0], x0) - x0;
    const x2 = Math.min(CAR[2], x0 + frame.width) - x0;
    if (x2 <= x1) return { xyxy: new Float32Array(0), score: new Float32Array(0), classId: new Int32Array(0), label: [] };
    return { xyxy: Float32Array.from([x1, CAR[1] - y0, x2, CAR[3] - y0]), score: Float32Array.from([x2 - x1 === 40 ? 0.9 : 0.95]), classId: Int32Array.from([0]), label: ['car'] };
  },
  async dispose() {},
};

describe('groundRaster', () => {
  const grid = createTileGrid({ sceneWidthPx: 704, sceneHeightPx: 416, tileSizePx: 416, overlapPx: 128 });
  const run = (emptyTile?: string) => firstValueFrom(groundRaster({
    sceneId: 'scene', widthPx: 704, heightPx: 416,
    readTile: async (w) => (emptyTile && w.x0 === Number(emptyTile) ? undefined : frameOf(w)),
  }, detector, { grid, now: () => new Date(0), notes: ['8-bit as is'] }).pipe(toArray()));

  it('emits a tile event per tile (scene pixels, tile id, window), then the merged scene, then a summary', async () => {
    const events = await run();
    assert.deepEqual(events.map((e) => e.kind), [EventKind.EVENT_KIND_TILE, EventKind.EVENT_KIND_TILE, EventKind.EVENT_KIND_SCENE, EventKind.EVENT_KIND_SUMMARY]);
    assert.deepEqual(events.slice(0, 2).map((e) => [e.tileId, e.window]), [['r0c0', { x0: 0, y0: 0, x1: 416, y1: 416 }], ['r0c1', { x0: 288, y0: 0, x1: 704, y1: 416 }]]);
    assert.deepEqual(events[1].regions[0].box, CAR, 'tile regions are in scene pixels');
    assert.equal(events[0].sceneId, 'scene');
  });

  it('one car on a seam is one region: the complete box wins over the cut one, whatever its score', async () => {
    const events = await run();
    const scene = events[2];
    assert.equal(scene.regions.length, 1);
    assert.deepEqual(scene.regions[0].box, CAR);
    assert.equal(scene.regions[0].tileId, 'r0c1');
    assert.deepEqual(scene.window, { x0: 0, y0: 0, x1: 704, y1: 416 });
    assert.deepEqual(scene.notes, ['8-bit as is']);
    assert.deepEqual(events[3].summary!.labelCounts, { car: 1 });
  });

  it('skips tiles without data and says how many', async () => {
    const events = await run('288');
    assert.deepEqual(events[1].regions, []);
    assert.match(events[1].notes[0], /no data/);
    assert.deepEqual(events[3].notes, ['1 of 2 tiles held no data and were skipped']);
  });
});
