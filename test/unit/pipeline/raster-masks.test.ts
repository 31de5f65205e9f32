import assert from 'node:assert/strict';
import { firstValueFrom, toArray } from 'rxjs';
import type { Detections } from '../../../src/core/detections';
import { EventKind } from '../../../src/core/events';
import type { Frame } from '../../../src/core/frame';
import { epsgToProj4 } from '../../../src/geo/crs-epsg';
import { signedArea2 } from '../../../src/geo/geojson';
import { toSceneGeoreference } from '../../../src/geo/scene-georeference';
import { createTileGrid, type PixelWindow } from '../../../src/geo/tile-grid';
import type { Detector } from '../../../src/models/detector';
import type { Segmenter } from '../../../src/models/segmenter';
import { groundRaster } from '../../../src/pipeline/ground-raster';
import {
  anySegmentable, boxPixelWindow, boxTileMask, flatRing, groupMasksByRegion, maskGeometry, regionMaskPolygons, shiftRegionPolygon, tileDetectionMasks, withMaskOutline,
} from '../../../src/pipeline/raster-masks';

const VOC = ['background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow', 'diningtable', 'dog', 'horse', 'motorbike', 'person'];

/** A class map of w×h with class k on the listed [x0, y0, x1, y1) rectangles. */
function classMap(w: number, h: number, k: number, rects: number[][]): { width: number; height: number; classes: Uint8Array } {
  const classes = new Uint8Array(w * h);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) classes[y * w + x] = k;
  return { width: w, height: h, classes };
}

describe('raster masks', () => {
  it('boxPixelWindow takes the pixels whose centres lie in the box, clamped to the scene', () => {
    assert.deepEqual(boxPixelWindow([10.4, 2.6, 20.5, 8]), { x0: 10, y0: 3, x1: 20, y1: 8 });
    assert.deepEqual(boxPixelWindow([-5, -5, 30, 30], 16, 12), { x0: 0, y0: 0, x1: 16, y1: 12 });
  });

  it('boxTileMask keeps the class pixels inside the box, as a box-sized mask in scene pixels', () => {
    const sem = classMap(10, 10, 15, [[2, 2, 6, 6], [8, 8, 10, 10]]);
    const m = boxTileMask(sem, 15, [1, 1, 5, 7], { x0: 100, y0: 50, x1: 110, y1: 60 })!;
    assert.deepEqual(m.window, { x0: 101, y0: 51, x1: 105, y1: 57 });
    assert.equal(m.mask.length, 4 * 6);
    assert.equal(Array.from(m.mask).reduce((a, b) => a + b, 0), 3 * 4, 'pixels 2..4 x 2..5 of the class, none of the far blob');
    assert.equal(boxTileMask(sem, 15, [6.6, 0, 8.4, 5], { x0: 0, y0: 0, x1: 10, y1: 10 }), undefined, 'no class pixel in the box');
    assert.equal(boxTileMask(sem, 15, [3, 3, 3.2, 9], { x0: 0, y0: 0, x1: 10, y1: 10 }), undefined, 'a box without a pixel centre');
  });

  it('tileDetectionMasks maps COCO labels onto the segmenter classes and skips unknown ones', () => {
    const sem = classMap(10, 10, 7, [[0, 0, 10, 10]]);
    const dets: Detections = { xyxy: Float32Array.from([0, 0, 4, 4, 0, 0, 4, 4, 0, 0, 4, 4]), score: Float32Array.from([1, 1, 1]), classId: Int32Array.from([2, 0, 9]), label: ['car', 'person', 'traffic light'] };
    const masks = tileDetectionMasks(dets, sem, VOC, { x0: 0, y0: 0, x1: 10, y1: 10 });
    assert.ok(masks[0]);
    assert.equal(masks[1], undefined, 'no person pixels');
    assert.equal(masks[2], undefined, 'no such class');
    assert.equal(anySegmentable(['traffic light', 'motorcycle'], VOC), true);
    assert.equal(anySegmentable(['traffic light'], VOC), false);
  });

  it('groupMasksByRegion hands a cut box to the complete one of its class, by IoU or IoS across tiles', () => {
    const merged = { xyxy: Float32Array.from([380, 100, 420, 140, 0, 0, 10, 10]), classId: Int32Array.from([0, 1]), tileId: ['r0c1', 'r0c0'] };
    const mask = { window: { x0: 0, y0: 0, x1: 1, y1: 1 }, mask: Uint8Array.of(1) };
    const groups = groupMasksByRegion(merged, [
      { box: [380, 100, 420, 140], classId: 0, tileId: 'r0c1', mask },
      { box: [380, 100, 416, 140], classId: 0, tileId: 'r0c0', mask }, // cut by the tile edge
      { box: [380, 100, 416, 140], classId: 1, tileId: 'r0c0', mask }, // another class
      { box: [0, 0, 9, 9], classId: 1, tileId: 'r0c0', mask },
      { box: [200, 200, 210, 210], classId: 0, tileId: 'r0c0', mask }, // merged away? no: matches nothing
    ]);
    assert.deepEqual(groups.map((g) => g.length), [2, 1]);
    const sameTile = groupMasksByRegion({ ...merged, tileId: ['r0c0', 'r0c0'] }, [{ box: [380, 100, 400, 140], classId: 0, tileId: 'r0c0', mask }]);
    assert.deepEqual(sameTile.map((g) => g.length), [0, 0], 'within one tile a box inside another is a second object');
  });

  it('regionMaskPolygons joins masks across a seam into one polygon clamped to the box, dropping specks', () => {
    // Tile 0 sees x 380..416 of a 40x20 blob, tile 1 sees x 400..420; a 1 px speck and a small part far right.
    const left = { window: { x0: 380, y0: 110, x1: 416, y1: 130 }, mask: new Uint8Array(36 * 20).fill(1) };
    const right = { window: { x0: 400, y0: 110, x1: 420, y1: 130 }, mask: new Uint8Array(20 * 20).fill(1) };
    const speck = { window: { x0: 381, y0: 100, x1: 382, y1: 101 }, mask: Uint8Array.of(1) };
    const polys = regionMaskPolygons([379.6, 99.7, 420.3, 140], [left, right, speck]);
    assert.equal(polys.length, 1);
    assert.equal(polys[0].areaPx, 800);
    assert.deepEqual(polys[0].exterior, [[380, 110], [420, 110], [420, 130], [380, 130], [380, 110]]);
    // Edge pixels whose centres are in a fractional box: corners pulled onto the box.
    const edge = regionMaskPolygons([380.3, 110.2, 419.6, 129.6], [left, right]);
    assert.deepEqual(edge[0].exterior, [[380.3, 110.2], [419.6, 110.2], [419.6, 129.6], [380.3, 129.6], [380.3, 110.2]]);
    // Two big parts: both kept, largest first; a part under 10% of the largest is dropped.
    const two = regionMaskPolygons([0, 0, 100, 20], [
      { window: { x0: 0, y0: 0, x1: 10, y1: 10 }, mask: new Uint8Array(100).fill(1) },
      { window: { x0: 50, y0: 0, x1: 70, y1: 10 }, mask: new Uint8Array(200).fill(1) },
      { window: { x0: 90, y0: 0, x1: 95, y1: 3 }, mask: new Uint8Array(15).fill(1) },
    ], { minAreaPx: 0 });
    assert.deepEqual(two.map((p) => p.areaPx), [200, 100]);
    assert.deepEqual(regionMaskPolygons([0, 0, 10, 10], []), []);
    // A 1 px hole is a gap in the segmentation, not a hole in the object; a 5x5 one is kept.
    const holed = new Uint8Array(20 * 20).fill(1);
    holed[3 * 20 + 3] = 0;
    for (let y = 10; y < 15; y++) for (let x = 10; x < 15; x++) holed[y * 20 + x] = 0;
    assert.deepEqual(regionMaskPolygons([0, 0, 20, 20], [{ window: { x0: 0, y0: 0, x1: 20, y1: 20 }, mask: holed }])[0].holes, [[[10, 10], [10, 15], [15, 15], [15, 10], [10, 10]]]);
  });

  it('maskGeometry is a Polygon for one part and a MultiPolygon for several, counter-clockwise', () => {
    const toLonLat = (x: number, y: number): [number, number] => [x / 1000, -y / 1000];
    const polys = regionMaskPolygons([0, 0, 100, 20], [
      { window: { x0: 0, y0: 0, x1: 10, y1: 10 }, mask: new Uint8Array(100).fill(1) },
      { window: { x0: 50, y0: 0, x1: 70, y1: 10 }, mask: new Uint8Array(200).fill(1) },
    ]);
    const one = maskGeometry(polys.slice(0, 1), toLonLat) as { type: string; coordinates: [number, number][][] };
    assert.equal(one.type, 'Polygon');
    assert.ok(signedArea2(one.coordinates[0]) > 0);
    const many = maskGeometry(polys, toLonLat) as { type: string; coordinates: [number, number][][][] };
    assert.equal(many.type, 'MultiPolygon');
    assert.equal(many.coordinates.length, 2);
  });

  it('withMaskOutline sets polygon and geometry; shiftRegionPolygon moves the outline', () => {
    const region = { regionId: 'sr0', box: [0, 0, 4, 4], label: 'car', classId: 2, score: 1, phrase: 'car', trackId: 0, modelId: 'm', nativeBox: [], tileId: 't', text: '', polygon: [], geometry: { type: 'Polygon', coordinates: [] } };
    assert.equal(withMaskOutline(region, []), region);
    const polys = regionMaskPolygons([0, 0, 4, 4], [{ window: { x0: 1, y0: 1, x1: 3, y1: 3 }, mask: new Uint8Array(4).fill(1) }], { minAreaPx: 0 });
    const out = withMaskOutline(region, polys, (x, y) => [x, -y]);
    assert.deepEqual(out.polygon, [1, 1, 3, 1, 3, 3, 1, 3]);
    assert.deepEqual(out.geometry, { type: 'Polygon', coordinates: [[[1, -1], [1, -3], [3, -3], [3, -1], [1, -1]]] });
    assert.deepEqual(withMaskOutline(region, polys).geometry, region.geometry, 'no georeference: the box geometry stays');
    assert.deepEqual(shiftRegionPolygon(out, 10, 20).polygon, [11, 21, 13, 21, 13, 23, 11, 23]);
    assert.deepEqual(flatRing([[0.123, 1], [2, 3], [0.123, 1]]), [0.12, 1, 2, 3]);
  });
});

/** One 40x20 car body at scene x 380..420, y 110..130 (box [380, 100, 420, 140]) on the seam of two 416 tiles. */
const CAR = [380, 100, 420, 140];

function frameOf(window: PixelWindow): Frame {
  const w = window.x1 - window.x0, h = window.y1 - window.y0;
  return { sourceId: `${window.x0},${window.y0}`, index: 0, ptsSec: 0, width: w, height: h, layout: 'gbrp', pixels: new Uint8Array(w * h * 3), sourceWidth: w, sourceHeight: h, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const detector: Detector = {
  id: 'fake', version: 'v1', labels: ['car', 'traffic light'], defaultScoreThreshold: 0.3,
  inputFormat: { width: 416, height: 416, layout: 'gbrp', fit: 'letterbox', padValue: 114 },
  async detect(frame: Frame): Promise<Detections> {
    const [x0, y0] = frame.sourceId.split(',').map(Number);
    const x1 = Math.max(CAR[0], x0) - x0;
    const x2 = Math.min(CAR[2], x0 + frame.width) - x0;
    return {
      xyxy: Float32Array.from([x1, CAR[1] - y0, x2, CAR[3] - y0, 10, 10, 30, 30]),
      score: Float32Array.from([x2 - x1 === 40 ? 0.9 : 0.95, 0.5]),
      classId: Int32Array.from([0, 1]),
      label: ['car', 'traffic light'],
    };
  },
  async dispose() {},
};

/** Sees the car body in each tile, but tile r0c1 (from x 288) misses its left 20 px: only the two tiles together give it whole. */
const segmenter: Segmenter = {
  id: 'fake-seg', version: 's1', labels: VOC,
  async segment(frame: Frame) {
    const [x0] = frame.sourceId.split(',').map(Number);
    const from = x0 === 0 ? 380 : 400;
    const rect = [Math.max(from, x0) - x0, 110, Math.min(420, x0 + frame.sourceWidth) - x0, 130];
    return { ...classMap(frame.sourceWidth, frame.sourceHeight, 7, [rect]), labels: VOC };
  },
  async dispose() {},
};

describe('groundRaster with a segmenter', () => {
  it('outlines a car on a seam by the masks of both tiles: one polygon, georeferenced; other regions keep their box', async () => {
    const grid = createTileGrid({ sceneWidthPx: 704, sceneHeightPx: 416, tileSizePx: 416, overlapPx: 128 });
    const georeference = toSceneGeoreference({ width: 704, height: 416, geotransform: [500000, 10, 0, 1000000, 0, -10], crs: { epsg: 32633, proj4: epsgToProj4(32633)!, geographic: false } });
    const events = await firstValueFrom(groundRaster({ sceneId: 's', widthPx: 704, heightPx: 416, readTile: async (w) => frameOf(w) }, detector, { grid, georeference, segmenter, now: () => new Date(0) }).pipe(toArray()));
    const scene = events.find((e) => e.kind === EventKind.EVENT_KIND_SCENE)!;
    assert.deepEqual(scene.models.map((m) => m.id), ['fake', 'fake-seg']);
    const car = scene.regions.find((r) => r.label === 'car')!;
    assert.deepEqual(car.box, CAR);
    assert.deepEqual(car.polygon, [380, 110, 420, 110, 420, 130, 380, 130], 'both tiles\' masks, assembled across the seam');
    const g = car.geometry as { type: string; coordinates: [number, number][][] };
    assert.equal(g.type, 'Polygon');
    assert.equal(g.coordinates[0].length, 5);
    assert.ok(signedArea2(g.coordinates[0]) > 0, 'counter-clockwise');
    const [lon0, lat0] = georeference.toLonLat(380, 110);
    assert.ok(g.coordinates[0].some(([x, y]) => Math.abs(x - lon0) < 1e-6 && Math.abs(y - lat0) < 1e-6));
    const light = scene.regions.find((r) => r.label === 'traffic light')!;
    assert.deepEqual(light.polygon, []);
    assert.equal((light.geometry as { coordinates: unknown[][] }).coordinates[0].length, 5, 'the box');
  });
});
