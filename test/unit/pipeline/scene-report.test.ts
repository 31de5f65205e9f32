import assert from 'node:assert/strict';
import { EventKind, type GroundingEvent, type Region } from '../../../src/core/events';
import { groundDistanceM } from '../../../src/geo/ground-distance';
import { eventEnvelope } from '../../../src/pipeline/event-envelope';
import { withSceneReport } from '../../../src/pipeline/scene-report';

const region = (regionId: string, label: string, box: number[], score = 0.9): Region => ({
  regionId, box, label, classId: 0, score, phrase: label, trackId: 0, modelId: 'm', nativeBox: [], tileId: 'r0c0', text: '', polygon: [],
});

function scene(regions: Region[], bboxWgs84: number[]): GroundingEvent {
  return {
    ...eventEnvelope(EventKind.EVENT_KIND_SCENE, '', 'olinda:scene:0', () => new Date(0)),
    sceneId: 'olinda', width: 1000, height: 1000, regions,
    geo: { georeferenced: bboxWgs84.length === 4, crs: 'EPSG:32725', geotransform: [], bboxWgs84 },
  };
}

describe('groundDistanceM', () => {
  const cases: { a: [number, number]; b: [number, number]; m: number }[] = [
    { a: [0, 0], b: [1, 0], m: 111195 },
    { a: [0, 0], b: [0, 1], m: 111195 },
    { a: [0, 60], b: [1, 60], m: 55597 },
    { a: [10, 10], b: [10, 10], m: 0 },
  ];
  for (const c of cases) it(`${c.a} → ${c.b}: ${c.m} m`, () => assert.ok(Math.abs(groundDistanceM(c.a, c.b) - c.m) < 1));
});

describe('withSceneReport', () => {
  it('long: the place and extent first, then a sentence per object whose span points at it', () => {
    const out = withSceneReport(scene([region('s0', 'water', [600, 600, 1000, 1000]), region('s1', 'car', [0, 0, 50, 30])], [-34.9, -8.05, -34.8, -7.95]), 'long', 0.5);
    const caption = out.captions[0];
    assert.match(caption.text, /^The scene is at 8°S, 34\.85°W and covers 11 km × 11\.1 km\./);
    assert.match(caption.text, /A water body is at the bottom right\./);
    const water = caption.spans.find((s) => s.regionIds[0] === 's0')!;
    assert.equal([...caption.text].slice(water.start, water.end).join(''), 'A water body');
  });

  it('leaves other events, regionless scenes and pixel-only scenes as they should be', () => {
    const frame = { ...scene([region('s0', 'car', [0, 0, 5, 5])], []), kind: EventKind.EVENT_KIND_FRAME };
    assert.equal(withSceneReport(frame, 'short', 0.5), frame);
    const empty = scene([], [-1, -1, 1, 1]);
    assert.equal(withSceneReport(empty, 'long', 0.5), empty, 'nothing seen: nothing said');
    const pixels = withSceneReport(scene([region('s0', 'car', [0, 0, 5, 5])], []), 'long', 0.5);
    assert.doesNotMatch(pixels.captions[0].text, /The scene is at/);
  });
});
