import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import proj4 from 'proj4';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind, type GroundingEvent, type Region } from '../../../src/core/events';
import type { Frame } from '../../../src/core/frame';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { iouAt } from '../../../src/grounding/nms';
import { openRaster } from '../../../src/sources/raster';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';

const SCENE_W = 1024;
const SCENE_H = 800;
const PHOTO_W = 300; // fastestdet_3.jpg (500x335) at 0.6: people narrower than the 128 px overlap
const PHOTO_H = 201;
/** Where the photo is pasted: each copy straddles tile seams (tiles start at x 0/288/576/608, y 0/288/384). */
const PASTES = [{ x: 200, y: 120 }, { x: 560, y: 430 }];
const ORIGIN = { x: 14_321_000, y: 4_533_500 }; // EPSG:3857 metres, 0.6 m pixels
const GSD = 0.6;

async function photoFrame(): Promise<Frame> {
  for await (const f of createVideoSource(dataFile('images/fastestdet_3.jpg'), { width: PHOTO_W, height: PHOTO_H, fit: 'stretch', layout: 'rgb24' }).frames()) return f;
  throw new Error('no photo frame');
}

const persons = (e: GroundingEvent): Region[] => e.regions.filter((r) => r.label === 'person');

describe('raster grounding across tile seams (real aerial background, real photos pasted at known offsets)', () => {
  let tmp: string;
  let scenePath: string;
  let lonePath: string;
  let engine: Engine;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'gs-seams-'));
    const background = await openRaster(dataFile('geotiff/rasterio_cogeo.tif'));
    const bg = await background.readWindow({ x0: 0, y0: 0, x1: SCENE_W, y1: SCENE_H }, { bands: [1, 2, 3] });
    await background.close();
    const photo = await photoFrame();
    const interleaved = (w: number, h: number, fill: (x: number, y: number, c: number) => number) => {
      const out = new Uint8Array(w * h * 3);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) out[(y * w + x) * 3 + c] = fill(x, y, c);
      return out;
    };
    const photoAt = (x: number, y: number, c: number) => photo.pixels[(y * PHOTO_W + x) * 3 + c];
    const scene = interleaved(SCENE_W, SCENE_H, (x, y, c) => {
      for (const p of PASTES) if (x >= p.x && x < p.x + PHOTO_W && y >= p.y && y < p.y + PHOTO_H) return photoAt(x - p.x, y - p.y, c);
      return bg.bands[c][y * SCENE_W + x];
    });
    const geo = { ModelPixelScale: [GSD, GSD, 0], ModelTiepoint: [0, 0, 0, ORIGIN.x, ORIGIN.y, 0], ProjectedCSTypeGeoKey: 3857, GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1 };
    scenePath = path.join(tmp, 'scene.tif');
    writeFileSync(scenePath, Buffer.from(await writeArrayBuffer(scene, { width: SCENE_W, height: SCENE_H, ...geo })));
    // The photo alone at tile scale: top-left of one 416 tile, as the scene's tiles show it.
    lonePath = path.join(tmp, 'lone.tif');
    const lone = interleaved(416, 416, (x, y, c) => (x < PHOTO_W && y < PHOTO_H ? photoAt(x, y, c) : bg.bands[c][y * SCENE_W + x]));
    writeFileSync(lonePath, Buffer.from(await writeArrayBuffer(lone, { width: 416, height: 416, ...geo })));
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 });
  });
  after(async () => {
    await engine?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reports each pasted person once, where the lone photo has it, at the right lon/lat', async () => {
    const loneEvents = await lastValueFrom(engine.groundRaster({ source: lonePath, query: 'people' }).pipe(toArray()));
    const alone = persons(loneEvents.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!);
    assert.ok(alone.length >= 3, `the lone photo shows ${alone.length} people`);

    const events = await lastValueFrom(engine.groundRaster({ source: scenePath, query: 'people', tileSizePx: 416, overlapPx: 128 }).pipe(toArray()));
    const tiles = events.filter((e) => e.kind === EventKind.EVENT_KIND_TILE);
    assert.equal(tiles.length, 12, '4 columns x 3 rows cover 1024x800');
    assert.ok(tiles.every((t) => t.window && t.tileId), 'tile events carry their window and id');
    const scene = events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!;
    assert.equal(events[events.length - 1].kind, EventKind.EVENT_KIND_SUMMARY);
    const found = persons(scene);
    const rawTileCount = tiles.reduce((n, t) => n + persons(t).length, 0);
    assert.ok(rawTileCount > found.length, `tiles overlap, so they see people twice (${rawTileCount}) before the merge (${found.length})`);

    // No person twice: no two merged boxes overlap much.
    for (let i = 0; i < found.length; i++) {
      for (let j = i + 1; j < found.length; j++) {
        assert.ok(iouAt([...found[i].box, ...found[j].box], 0, 1) < 0.5, `regions ${found[i].regionId} and ${found[j].regionId} are one person reported twice`);
      }
    }
    const toLonLat = proj4('EPSG:3857', 'EPSG:4326');
    for (const paste of PASTES) {
      const inPaste = found.filter((r) => {
        const cx = (r.box[0] + r.box[2]) / 2 - paste.x;
        const cy = (r.box[1] + r.box[3]) / 2 - paste.y;
        return cx >= 0 && cx < PHOTO_W && cy >= 0 && cy < PHOTO_H;
      });
      // Context can make a person come or go: allow one either way, never a duplicate.
      assert.ok(Math.abs(inPaste.length - alone.length) <= 1, `paste at ${paste.x},${paste.y}: ${inPaste.length} people, ${alone.length} alone`);
      let matched = 0;
      for (const a of alone) {
        const shifted = [a.box[0] + paste.x, a.box[1] + paste.y, a.box[2] + paste.x, a.box[3] + paste.y];
        const best = inPaste.reduce<{ iou: number; r?: Region }>((m, r) => {
          const iou = iouAt([...shifted, ...r.box], 0, 1);
          return iou > m.iou ? { iou, r } : m;
        }, { iou: 0 });
        if (best.iou < 0.8 || !best.r) continue;
        matched++;
        // Georeferenced: the upper-left corner of the box at its lon/lat, by an independent proj4 call.
        const [lon, lat] = toLonLat.forward([ORIGIN.x + best.r.box[0] * GSD, ORIGIN.y - best.r.box[1] * GSD]);
        const ring = (best.r.geometry as { coordinates: number[][][] }).coordinates[0];
        assert.ok(ring.some(([x, y]) => Math.abs(x - lon) < 2e-7 && Math.abs(y - lat) < 2e-7), `region ${best.r.regionId} has no vertex at ${lon},${lat}`);
        assert.equal(best.r.nativeBox.length, 4);
      }
      assert.ok(matched >= alone.length - 1, `paste at ${paste.x},${paste.y}: ${matched} of ${alone.length} lone people found in place (IoU ≥ 0.8)`);
    }
    assert.equal(scene.geo?.crs, 'EPSG:3857');
  });
});
