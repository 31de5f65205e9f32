import assert from 'node:assert/strict';
import { sceneToStacItem } from '../../../src/cli/scene-to-stac';
import { BoxFormat, EventKind, Lifecycle, type GroundingEvent, type Region } from '../../../src/core/events';

const region = (label: string): Region => ({ regionId: label, box: [0, 0, 1, 1], label, classId: 0, score: 0.9, phrase: '', trackId: 0, modelId: 'yolox-nano-416', nativeBox: [], tileId: 'r0c0', text: '', polygon: [] });

function scene(crs: string, regions: Region[]): GroundingEvent {
  return {
    eventId: 's:scene:0', streamId: '', sceneId: 'landsat', kind: EventKind.EVENT_KIND_SCENE, lifecycle: Lifecycle.LIFECYCLE_UNSPECIFIED, ptsSec: 0,
    frameIndex: 0, width: 791, height: 718, boxFormat: BoxFormat.BOX_FORMAT_XYXY, regions, captions: [], models: [{ id: 'yolox-nano-416', version: 'x' }],
    tileId: '', notes: [], window: { x0: 0, y0: 0, x1: 791, y1: 718 },
    geo: { georeferenced: true, crs, geotransform: [101985, 300.0379, 0, 2826915, 0, -300.0417], bboxWgs84: [-78.96, 23.56, -76.57, 25.55] },
  };
}

describe('sceneToStacItem', () => {
  const links = { source: 'RGB.byte.tif', labelsHref: 'result.geojson', datetime: '2026-11-27T00:00:00Z' };

  it('describes the footprint, the projection and the label classes with counts', () => {
    const item = sceneToStacItem(scene('EPSG:32618', [region('car'), region('boat'), region('car')]), links) as Record<string, any>;
    assert.equal(item.stac_version, '1.0.0');
    assert.equal(item.type, 'Feature');
    assert.deepEqual(item.bbox, [-78.96, 23.56, -76.57, 25.55]);
    assert.deepEqual(item.geometry.coordinates[0][0], [-78.96, 23.56]);
    assert.equal(item.properties['proj:epsg'], 32618);
    assert.deepEqual(item.properties['proj:shape'], [718, 791]);
    assert.deepEqual(item.properties['proj:transform'], [300.0379, 0, 101985, 0, -300.0417, 2826915]);
    assert.deepEqual(item.properties['label:classes'], [{ name: 'label', classes: ['boat', 'car'] }]);
    assert.deepEqual(item.properties['label:overviews'][0].counts, [{ name: 'boat', count: 1 }, { name: 'car', count: 2 }]);
    assert.equal(item.assets.labels.href, 'result.geojson');
    assert.ok(item.stac_extensions.some((e: string) => e.includes('/projection/')) && item.stac_extensions.some((e: string) => e.includes('/label/')));
  });

  it('keeps a CRS without an EPSG code as its PROJ definition', () => {
    const item = sceneToStacItem(scene('+proj=utm +zone=18 +datum=WGS84', []), links) as Record<string, any>;
    assert.equal(item.properties['proj:epsg'], null);
    assert.equal(item.properties['groundstream:proj4'], '+proj=utm +zone=18 +datum=WGS84');
    assert.deepEqual(item.properties['label:classes'], [{ name: 'label', classes: [] }]);
  });
});
