import assert from 'node:assert/strict';
import { lastValueFrom, of, toArray } from 'rxjs';
import { EventKind, type GroundingEvent } from '../../../src/core/events';
import { createTileGrid, type PixelWindow } from '../../../src/geo/tile-grid';
import { toSceneGeoreference } from '../../../src/geo/scene-georeference';
import { epsgToProj4 } from '../../../src/geo/crs-epsg';
import { groundSpectral, spectralWindowKey, withSpectralRegions } from '../../../src/pipeline/ground-spectral';
import { createSpectralMasks } from '../../../src/pipeline/ground-spectral-masks';
import { readRegionWindow, regionEventsToScene } from '../../../src/pipeline/raster-region';

// A 40 × 20 scene: a 12 × 8 lake at x 14..26, y 6..14 (across the seam of 24-px tiles with 8 px
// overlap), with a 2 × 2 island, and a 3 × 3 pond (9 px) that the 16 px minimum drops.
const W = 40, H = 20;
const isLake = (x: number, y: number) => x >= 14 && x < 26 && y >= 6 && y < 14 && !(x >= 19 && x < 21 && y >= 9 && y < 11);
const isPond = (x: number, y: number) => x >= 2 && x < 5 && y >= 2 && y < 5;
function bandsOf(w: PixelWindow) {
  const n = (w.x1 - w.x0) * (w.y1 - w.y0);
  const green = new Uint8Array(n), swir1 = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = w.x0 + (i % (w.x1 - w.x0)), y = w.y0 + Math.floor(i / (w.x1 - w.x0));
    const water = isLake(x, y) || isPond(x, y);
    green[i] = water ? 90 : 40;
    swir1[i] = water ? 10 : 80; // water: MNDWI 0.8; land: −1/3
  }
  return { bands: { green, swir1 } };
}
const roles = { green: 1, swir1: 4 };
const geo = toSceneGeoreference({ width: W, height: H, geotransform: [500000, 10, 0, 1000000, 0, -10], crs: { epsg: 32633, proj4: epsgToProj4(32633)!, geographic: false } });

describe('groundSpectral (synthetic scene)', () => {
  const grid = createTileGrid({ sceneWidthPx: W, sceneHeightPx: H, tileSizePx: 24, overlapPx: 8 });
  const run = () => lastValueFrom(groundSpectral({ sceneId: 's', widthPx: W, heightPx: H, readBands: async (w) => bandsOf(w) }, {
    grid, georeference: geo, createMasks: () => createSpectralMasks({ kinds: [{ kind: 'water', phrase: 'lake' }], roles, widthPx: W, heightPx: H }),
  }).pipe(toArray()));

  it('tile events with mask stats, then one merged polygon with its hole, then a summary', async () => {
    const events = await run();
    assert.deepEqual(events.map((e) => e.kind), [EventKind.EVENT_KIND_TILE, EventKind.EVENT_KIND_TILE, EventKind.EVENT_KIND_SCENE, EventKind.EVENT_KIND_SUMMARY]);
    assert.match(events[0].notes[0], /^water: \d+ of 480 px \([\d.]+%\) by MNDWI > 0.2$/);
    const scene = events[2];
    assert.equal(scene.regions.length, 1, 'the lake cut by the seam is one polygon; the 9-px pond is dropped (but counted in the coverage)');
    const r = scene.regions[0];
    assert.deepEqual([r.label, r.phrase, r.modelId, r.box], ['water', 'lake', 'spectral-index', [14, 6, 26, 14]]);
    assert.ok(Math.abs(r.score - 0.8) < 1e-4, `score ${r.score}`);
    const g = r.geometry as { type: string; coordinates: number[][][] };
    assert.equal(g.type, 'Polygon');
    assert.equal(g.coordinates.length, 2, 'exterior + the island as a hole');
    assert.deepEqual(r.nativeBox, [500140, 999860, 500260, 999940]);
    assert.ok(scene.notes.includes('spectral water: MNDWI (green, swir1) > 0.2'));
    assert.ok(scene.notes.some((n) => /water marks 101 px/.test(n)), scene.notes.join(' | '));
    assert.deepEqual(events[3].summary!.labelCounts, { water: 1 });
  });

  it('says which kinds cannot be computed, and reads no band for them', () => {
    const m = createSpectralMasks({ kinds: [{ kind: 'water', phrase: 'water' }, { kind: 'vegetation', phrase: 'trees' }], roles: { red: 0, green: 1, blue: 2 }, widthPx: 4, heightPx: 4 });
    assert.deepEqual(m.methods, []);
    assert.deepEqual(m.bandsToRead, []);
    assert.equal(m.unavailable.length, 2);
    assert.match(m.unavailable[0], /water needs MNDWI \(green, swir1\) or NDWI \(green, nir\).*(NIR).*(SWIR)/);
  });

  it('withSpectralRegions adds tile stats, polygons and counts to detector events', async () => {
    const masks = createSpectralMasks({ kinds: [{ kind: 'water', phrase: 'lake' }], roles, widthPx: W, heightPx: H });
    const notes = new Map<string, string[]>();
    for (const t of grid.tiles) notes.set(spectralWindowKey(t.window), masks.addTile(t.window, bandsOf(t.window)));
    const base = (kind: EventKind, extra: Partial<GroundingEvent>) => ({ kind, regions: [], notes: [], models: [{ id: 'det', version: '1' }], ...extra }) as unknown as GroundingEvent;
    const out = await lastValueFrom(of(
      base(EventKind.EVENT_KIND_TILE, { window: grid.tiles[0].window }),
      base(EventKind.EVENT_KIND_SCENE, { regions: [{ regionId: 's0', label: 'car' } as never] }),
      base(EventKind.EVENT_KIND_SUMMARY, { summary: { labelCounts: { car: 1 } } as never }),
    ).pipe(withSpectralRegions(masks, notes, { georeference: geo }), toArray()));
    assert.match(out[0].notes[0], /^water: /);
    assert.deepEqual(out[1].regions.map((r) => r.label), ['car', 'water']);
    assert.deepEqual(out[1].models.map((m) => m.id), ['det', 'spectral-index']);
    assert.deepEqual(out[2].summary!.labelCounts, { car: 1, water: 1 });
  });
});

describe('raster region (window ↔ scene pixels)', () => {
  it('readRegionWindow reads the scene window at the region origin', async () => {
    const read = readRegionWindow({ x0: 100, y0: 50, x1: 300, y1: 250 }, async (w) => w);
    assert.deepEqual(await read({ x0: 0, y0: 10, x1: 20, y1: 30 }), { x0: 100, y0: 60, x1: 120, y1: 80 });
  });
  it('regionEventsToScene shifts boxes and windows and restores the scene size and geotransform', async () => {
    const sceneGeo = { georeferenced: true, crs: 'EPSG:32633', geotransform: [1, 2, 3, 4, 5, 6], bboxWgs84: [0, 0, 9, 9] };
    const ev = { kind: EventKind.EVENT_KIND_SCENE, width: 200, height: 200, window: { x0: 0, y0: 0, x1: 200, y1: 200 }, geo: { ...sceneGeo, geotransform: [7, 2, 3, 8, 5, 6], bboxWgs84: [1, 1, 2, 2] }, regions: [{ box: [1, 2, 3, 4] }] } as unknown as GroundingEvent;
    const [out] = await lastValueFrom(of(ev).pipe(regionEventsToScene({ x0: 100, y0: 50, x1: 300, y1: 250 }, { widthPx: 791, heightPx: 718, geo: sceneGeo }), toArray()));
    assert.deepEqual(out.window, { x0: 100, y0: 50, x1: 300, y1: 250 });
    assert.deepEqual([out.width, out.height], [791, 718]);
    assert.deepEqual(out.regions[0].box, [101, 52, 103, 54]);
    assert.deepEqual(out.geo, { ...sceneGeo, bboxWgs84: [1, 1, 2, 2] });
  });
});
