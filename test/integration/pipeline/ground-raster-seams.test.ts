import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind, type GroundingEvent, type Region } from '../../../src/core/events';
import type { Frame } from '../../../src/core/frame';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { iouAt } from '../../../src/grounding/nms';
import { openRaster } from '../../../src/sources/raster';
import { createVideoSource } from '../../../src/sources/video';
import { dataFile, modelSearchPath } from '../../support/paths';
import { geoKeyDirectory, writeTiff, type TiffTag } from '../sources/raster/write-tiff';

const SCENE_W = 3840;
const SCENE_H = 2160;
const PHOTO_W = 300; // fastestdet_3.jpg (500x335) at 0.6: people narrower than the 128 px overlap
const PHOTO_H = 201;
/**
 * Where the photo is pasted: every copy straddles tile seams (tiles start every 288 px: x 0, 288,
 * 576, …, 3168, 3424; y 0, 288, …, 1440, 1744).
 */
const PASTES = [{ x: 200, y: 120 }, { x: 560, y: 430 }, { x: 1390, y: 1290 }, { x: 2250, y: 700 }, { x: 3300, y: 1850 }];
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
    const bg = await background.readWindow({ x0: 0, y0: 0, x1: 1024, y1: 1024 }, { bands: [1, 2, 3] });
    await background.close();
    // The 1024 px aerial image, mirrored so that it fills the scene without hard edges; photos on top.
    const mirror = (v: number) => { const m = v % 2048; return m < 1024 ? m : 2047 - m; };
    const photo = await photoFrame();
    const compose = (w: number, h: number, pastes: { x: number; y: number }[]) => {
      const out = new Uint8Array(w * h * 3);
      for (let y = 0; y < h; y++) {
        const row = mirror(y) * 1024;
        for (let x = 0; x < w; x++) {
          const o = (y * w + x) * 3;
          const i = row + mirror(x);
          out[o] = bg.bands[0][i];
          out[o + 1] = bg.bands[1][i];
          out[o + 2] = bg.bands[2][i];
        }
      }
      for (const p of pastes) {
        for (let y = 0; y < PHOTO_H; y++) out.set(photo.pixels.subarray(y * PHOTO_W * 3, (y + 1) * PHOTO_W * 3), ((p.y + y) * w + p.x) * 3);
      }
      return out;
    };
    const scene = compose(SCENE_W, SCENE_H, PASTES);
    // GeoTIFF tags: ModelPixelScale, ModelTiepoint, and GeoKeys (projected, pixel-is-area, EPSG:3857).
    const geo: TiffTag[] = [
      { tag: 33550, type: 12, values: [GSD, GSD, 0] },
      { tag: 33922, type: 12, values: [0, 0, 0, ORIGIN.x, ORIGIN.y, 0] },
      geoKeyDirectory([[1024, 1], [1025, 1], [3072, 3857]]),
    ];
    const writeScene = (file: string, w: number, h: number, pixels: Uint8Array) =>
      writeFileSync(file, writeTiff({ width: w, height: h, pixels, samplesPerPixel: 3, rowsPerStrip: 16, extraTags: geo }));
    scenePath = path.join(tmp, 'scene.tif');
    writeScene(scenePath, SCENE_W, SCENE_H, scene);
    // The photo alone at tile scale: top-left of one 416 tile, as the scene's tiles show it.
    lonePath = path.join(tmp, 'lone.tif');
    const lone = compose(416, 416, [{ x: 0, y: 0 }]);
    writeScene(lonePath, 416, 416, lone);
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
    assert.equal(tiles.length, 13 * 8, '13 columns x 8 rows cover 3840x2160');
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
      // Confident people (score ≥ 0.5 alone) must be found in place. What surrounds the photo in its
      // tile still moves a box a little (measured: IoU 0.79 for one person, whose box is whole inside
      // one tile, so not a merge effect), hence 0.75. Low-score ones (about 0.4: small, partly
      // hidden) shift by 5-15 px, so they count only towards the ±1 above.
      const confident = alone.filter((a) => a.score >= 0.5);
      const show = (rs: Region[], dx = 0, dy = 0) => rs.map((r) => `[${r.box.map((v, k) => Math.round(v - (k % 2 ? dy : dx))).join(',')}]${r.score.toFixed(2)}`).join(' ');
      for (const a of confident) {
        const shifted = [a.box[0] + paste.x, a.box[1] + paste.y, a.box[2] + paste.x, a.box[3] + paste.y];
        const best = inPaste.reduce<{ iou: number; r?: Region }>((m, r) => {
          const iou = iouAt([...shifted, ...r.box], 0, 1);
          return iou > m.iou ? { iou, r } : m;
        }, { iou: 0 });
        assert.ok(best.r && best.iou >= 0.75, `paste at ${paste.x},${paste.y}: lone person [${a.box}] best IoU ${best.iou.toFixed(2)}; here ${show(inPaste, paste.x, paste.y)}`);
        // Georeferenced: the upper-left corner of the box at its lon/lat, by an independent proj4 call.
        const [lon, lat] = toLonLat.forward([ORIGIN.x + best.r.box[0] * GSD, ORIGIN.y - best.r.box[1] * GSD]);
        const ring = (best.r.geometry as { coordinates: number[][][] }).coordinates[0];
        assert.ok(ring.some(([x, y]) => Math.abs(x - lon) < 2e-7 && Math.abs(y - lat) < 2e-7), `region ${best.r.regionId} has no vertex at ${lon},${lat}`);
        assert.equal(best.r.nativeBox.length, 4);
      }
      assert.ok(confident.length >= 2, `the lone photo shows ${confident.length} confident people`);
    }
    assert.equal(scene.geo?.crs, 'EPSG:3857');
  });
});
