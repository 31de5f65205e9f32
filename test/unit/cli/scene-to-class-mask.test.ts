import assert from 'node:assert/strict';
import { crsOfScene, regionRings, sceneClassMask } from '../../../src/cli/scene-to-class-mask';
import { BoxFormat, EventKind, Lifecycle, type GroundingEvent, type Region } from '../../../src/core/events';
import { toWgs84 } from '../../../src/geo/crs';
import { pixelToCrs, type GeoTransform } from '../../../src/geo/geotransform';

const GT: GeoTransform = [101985, 300, 0, 2826915, 0, -300];
const CRS = crsOfScene('EPSG:32618')!;
const lonLat = (x: number, y: number) => { const [e, n] = pixelToCrs(GT, x, y); return toWgs84(CRS, e, n); };

const region = (over: Partial<Region>): Region => ({
  regionId: 'r', box: [0, 0, 1, 1], label: 'car', classId: 2, score: 0.9, phrase: '', trackId: 0, modelId: 'yolox-nano-416', nativeBox: [], tileId: 'r0c0', text: '', polygon: [], ...over,
});

function scene(regions: Region[]): GroundingEvent {
  return {
    eventId: 's:scene:0', streamId: '', sceneId: 'x', kind: EventKind.EVENT_KIND_SCENE, lifecycle: Lifecycle.LIFECYCLE_UNSPECIFIED, ptsSec: 0,
    frameIndex: 0, width: 100, height: 80, boxFormat: BoxFormat.BOX_FORMAT_XYXY, regions, captions: [], models: [],
    tileId: '', notes: [], window: { x0: 0, y0: 0, x1: 100, y1: 80 },
    geo: { georeferenced: true, crs: 'EPSG:32618', geotransform: [...GT], bboxWgs84: [] },
  };
}

describe('sceneClassMask', () => {
  it('parses the scene CRS', () => {
    assert.deepEqual({ ...crsOfScene('EPSG:32618'), proj4: undefined }, { epsg: 32618, proj4: undefined, geographic: false });
    assert.equal(crsOfScene('EPSG:4326')?.geographic, true);
    assert.deepEqual(crsOfScene('+proj=longlat +ellps=WGS84'), { proj4: '+proj=longlat +ellps=WGS84', geographic: true });
    assert.equal(crsOfScene(''), undefined);
  });

  it('rings: the mask polygon, else an outline geometry back in pixels, else the box', () => {
    assert.deepEqual(regionRings(region({ polygon: [1, 1, 5, 1, 5, 4] })), [[1, 1, 5, 1, 5, 4]]);
    assert.deepEqual(regionRings(region({ box: [2, 3, 6, 9] })), [[2, 3, 6, 3, 6, 9, 2, 9]]);
    const ring = [[10, 10], [30, 10], [30, 20], [20, 25], [10, 20], [10, 10]];
    const hole = [[15, 12], [15, 15], [18, 15], [18, 12], [15, 12]];
    const geometry = { type: 'Polygon', coordinates: [ring.map(([x, y]) => lonLat(x, y)), hole.map(([x, y]) => lonLat(x, y))] };
    const m = sceneClassMask(scene([region({ label: 'water', modelId: 'spectral-index', tileId: '', box: [10, 10, 30, 25], geometry })]));
    const [outer, inner] = m.shapes[0].rings;
    outer.forEach((v, i) => assert.ok(Math.abs(v - ring.flat()[i]) < 1e-3, `${v} vs ${ring.flat()[i]}`));
    inner.forEach((v, i) => assert.ok(Math.abs(v - hole.flat()[i]) < 1e-3));
    // a geometry that is only the box keeps the (exact) pixel box
    const boxGeom = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]].map(([x, y]) => lonLat(x, y))] };
    assert.deepEqual(sceneClassMask(scene([region({ box: [0, 0, 4, 4], geometry: boxGeom })])).shapes[0].rings, [[0, 0, 4, 0, 4, 4, 0, 4]]);
  });

  it('one class per label in order of first appearance; spectral areas painted before objects', () => {
    const m = sceneClassMask(scene([
      region({ label: 'car', box: [1, 1, 2, 2] }),
      region({ label: 'water', modelId: 'spectral-index', tileId: '', box: [0, 0, 50, 50] }),
      region({ label: 'car', box: [3, 3, 4, 4] }),
      region({ label: 'truck', box: [5, 5, 6, 6] }),
    ]));
    assert.deepEqual(m.classes, ['car', 'water', 'truck']);
    assert.deepEqual(m.shapes.map((s) => s.value), [2, 1, 1, 3]);
    assert.deepEqual(m.georeference, { geotransform: GT, epsg: 32618, geographic: false, proj4: undefined });
    assert.equal(m.width, 100);
  });
});
