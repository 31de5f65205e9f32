import assert from 'node:assert/strict';
import type { MethodDefinition } from '@grpc/proto-loader';
import { BoxFormat, EventKind, Lifecycle, type GroundingEvent } from '../../../src/core/events';
import {
  decodeEvent,
  decodeGroundVideoRequest,
  decodeTimestamp,
  encodeEvent,
  encodeTimestamp,
  type GroundingEventMessage,
} from '../../../src/server/event-codec';
import { GROUNDING_SERVICE_NAME, loadGroundstreamProtos, serviceDefinition } from '../../../src/server/proto-definitions';

const frameEvent: GroundingEvent = {
  eventId: 'cam:frame:7',
  streamId: 'cam',
  sceneId: '',
  kind: EventKind.EVENT_KIND_FRAME,
  lifecycle: Lifecycle.LIFECYCLE_UNSPECIFIED,
  ptsSec: 0.7,
  wallTime: '2026-01-01T00:00:00.123Z',
  frameIndex: 7,
  width: 768,
  height: 576,
  boxFormat: BoxFormat.BOX_FORMAT_XYXY,
  regions: [
    { regionId: 'f7r0', box: [10.5, 20.25, 110, 220.75], label: 'person', classId: 0, score: 0.9123, phrase: 'people', trackId: 0, modelId: 'yolox-nano-416', nativeBox: [], tileId: '', text: '', polygon: [] },
    { regionId: 'f7r1', box: [0, 0, 1, 1], label: 'car', classId: 2, score: 0.5, phrase: '', trackId: 3, modelId: 'yolox-nano-416', nativeBox: [], tileId: '', text: '', polygon: [] },
  ],
  captions: [{ text: 'a person', spans: [{ start: 2, end: 8, regionIds: ['f7r0'] }] }],
  models: [{ id: 'yolox-nano-416', version: '695e750a' }],
  tileId: '',
  notes: [],
};

const summaryEvent: GroundingEvent = {
  ...frameEvent,
  eventId: 'cam:summary:0',
  kind: EventKind.EVENT_KIND_SUMMARY,
  ptsSec: 0,
  frameIndex: 0,
  regions: [],
  captions: [],
  wallTime: '2026-01-01T00:00:01.000Z',
  query: {
    text: 'people and cars',
    phrases: [{ phrase: 'people', lemma: 'person', labels: [{ label: 'person', relation: 'same', sense: 'person.n.01' }] }],
    ungroundable: ['unicorn'],
  },
  summary: { frames: 795, framesDeclared: 795, elapsedSec: 12.5, framesPerSec: 63.6, labelCounts: { person: 1200, car: 4 }, mediaDurationSec: 79.5 },
};

const segmentEvent: GroundingEvent = {
  ...frameEvent,
  eventId: 'cam:segment:3',
  kind: EventKind.EVENT_KIND_SEGMENT,
  lifecycle: Lifecycle.LIFECYCLE_END,
  captions: [{ text: 'person 4 enters at 00:03.2 from the left, leaves at 00:07.9 on the right', spans: [{ start: 0, end: 8, regionIds: ['f7r0'] }] }],
  segment: {
    segmentId: 'track:4#1', key: 'track:4', trackId: 4, label: 'person', phrase: 'person', startSec: 3.2, endSec: 7.9,
    startFrameIndex: 32, endFrameIndex: 79, frames: 48, bestScore: 0.91, bestFrameIndex: 55, bestSec: 5.5,
  },
};

const gapEvent: GroundingEvent = {
  ...frameEvent,
  eventId: 'cam:gap:0',
  kind: EventKind.EVENT_KIND_GAP,
  regions: [],
  captions: [],
  gap: { startPtsSec: 10.2, endPtsSec: 16.4, wallSec: 6.2, mediaJumpSec: 0, reason: 'reconnect', reconnects: 4 },
};

const liveFrameEvent: GroundingEvent = {
  ...frameEvent,
  arrivalTime: '2026-01-01T00:00:00.123Z',
  live: { droppedFrames: 3, droppedTotal: 41, lagSec: 0.062 },
};

const errorEvent: GroundingEvent = {
  eventId: 'cam:error:0',
  streamId: 'cam',
  sceneId: '',
  kind: EventKind.EVENT_KIND_ERROR,
  lifecycle: Lifecycle.LIFECYCLE_END,
  ptsSec: 12.345678,
  frameIndex: 0,
  width: 0,
  height: 0,
  boxFormat: BoxFormat.BOX_FORMAT_UNSPECIFIED,
  regions: [],
  captions: [],
  models: [],
  error: { code: 'truncated', message: 'the video ends early', input: '/data/clip.mp4' },
  tileId: '',
  notes: [],
};

const tileEvent: GroundingEvent = {
  ...frameEvent,
  eventId: 'scene:tile:r0c1',
  sceneId: 'scene',
  streamId: '',
  kind: EventKind.EVENT_KIND_TILE,
  tileId: 'r0c1',
  window: { x0: 288, y0: 0, x1: 704, y1: 416 },
  geo: { georeferenced: true, crs: 'EPSG:32618', geotransform: [101985, 300.04, 0, 2826915, 0, -300.04], bboxWgs84: [-78.9, 25.1, -76.5, 27.6] },
  notes: ['yolox-nano-416 is trained on ground-level photos; this scene is overhead imagery'],
  regions: [{
    regionId: 't0r0', box: [300, 10, 340, 50], label: 'car', classId: 2, score: 0.8, phrase: 'cars', trackId: 0, modelId: 'yolox-nano-416',
    nativeBox: [191997, 2811912, 204000, 2823914], tileId: 'r0c1', text: '', polygon: [],
    geometry: { type: 'Polygon', coordinates: [[[-77.9, 25.4], [-77.8, 25.4], [-77.8, 25.5], [-77.9, 25.5], [-77.9, 25.4]]] },
  }],
};

describe('event codec', () => {
  describe('timestamps', () => {
    const cases: { text: string; ts: { seconds: number; nanos: number }; back?: string }[] = [
      { text: '1970-01-01T00:00:00.000Z', ts: { seconds: 0, nanos: 0 } },
      { text: '2026-01-01T00:00:00.123Z', ts: { seconds: 1767225600, nanos: 123_000_000 } },
      { text: '2026-01-01T00:00:00.123456Z', ts: { seconds: 1767225600, nanos: 123_456_000 } },
      { text: '2026-01-01T00:00:00.123456789Z', ts: { seconds: 1767225600, nanos: 123_456_789 } },
      { text: '2026-01-01T00:00:00Z', ts: { seconds: 1767225600, nanos: 0 }, back: '2026-01-01T00:00:00.000Z' },
      { text: '2026-01-01T00:00:00.5Z', ts: { seconds: 1767225600, nanos: 500_000_000 }, back: '2026-01-01T00:00:00.500Z' },
      { text: '2026-01-01T02:30:00.000+02:30', ts: { seconds: 1767225600, nanos: 0 }, back: '2026-01-01T00:00:00.000Z' },
      { text: '2025-12-31T19:00:00-05:00', ts: { seconds: 1767225600, nanos: 0 }, back: '2026-01-01T00:00:00.000Z' },
      { text: '1969-12-31T23:59:59.900Z', ts: { seconds: -1, nanos: 900_000_000 } },
      { text: '0001-01-01T00:00:00.000Z', ts: { seconds: -62135596800, nanos: 0 } },
      { text: '9999-12-31T23:59:59.999999999Z', ts: { seconds: 253402300799, nanos: 999_999_999 } },
    ];
    for (const c of cases) {
      it(`${c.text} ⇄ ${c.ts.seconds}s ${c.ts.nanos}ns`, () => {
        assert.deepEqual(encodeTimestamp(c.text), c.ts);
        assert.equal(decodeTimestamp(c.ts), c.back ?? c.text);
      });
    }

    for (const bad of ['', '2026-01-01', '2026-01-01 00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00.1234567890Z', '2026-01-01T00:00:00+0200']) {
      it(`refuses ${JSON.stringify(bad)}`, () => assert.throws(() => encodeTimestamp(bad), RangeError));
    }

    it('refuses nanos outside [0, 1e9)', () => {
      assert.throws(() => decodeTimestamp({ seconds: 0, nanos: -1 }), RangeError);
      assert.throws(() => decodeTimestamp({ seconds: 0, nanos: 1e9 }), RangeError);
    });
  });

  describe('events', () => {
    it('encodes only wallTime, as a Timestamp message', () => {
      const message = encodeEvent(frameEvent);
      assert.deepEqual(message.wallTime, { seconds: 1767225600, nanos: 123_000_000 });
      const { wallTime: _a, ...restIn } = frameEvent;
      const { wallTime: _b, ...restOut } = message;
      assert.deepEqual(restOut, restIn);
    });

    it('encodes a region geometry (GeoJSON) as a google.protobuf.Struct', () => {
      const region = encodeEvent(tileEvent).regions[0];
      assert.deepEqual(region.geometry?.fields?.type, { stringValue: 'Polygon' });
      const ring = region.geometry?.fields?.coordinates.listValue?.values?.[0].listValue?.values;
      assert.deepEqual(ring?.[0], { listValue: { values: [{ numberValue: -77.9 }, { numberValue: 25.4 }] } });
    });

    it('leaves wallTime out when the event has none', () => {
      assert.equal('wallTime' in encodeEvent(errorEvent), false);
    });

    it('decodes wire nulls as absent fields and unknown enum numbers as UNRECOGNIZED', () => {
      const message = { ...encodeEvent(frameEvent), query: null, summary: null, error: null, kind: 42, lifecycle: 9, boxFormat: 7 } as GroundingEventMessage;
      const event = decodeEvent(message);
      assert.equal('query' in event || 'summary' in event || 'error' in event, false);
      assert.equal(event.kind, EventKind.UNRECOGNIZED);
      assert.equal(event.lifecycle, Lifecycle.UNRECOGNIZED);
      assert.equal(event.boxFormat, BoxFormat.UNRECOGNIZED);
      assert.equal(event.wallTime, frameEvent.wallTime);
    });

    it('fills a request that came without fields', () => {
      assert.deepEqual(decodeGroundVideoRequest({ source: 'a.mp4', fps: 2 }), {
        source: 'a.mp4', query: '', fps: 2, scoreThreshold: 0, startSec: 0, endSec: 0, model: '', streamId: '', live: false, captions: 'CAPTION_DETAIL_UNSPECIFIED', masks: false, maskModel: '',
      });
    });
  });

  describe('round trip through protobuf (the loaded GroundVideo method)', () => {
    let method: MethodDefinition<object, GroundingEventMessage>;
    before(() => {
      method = serviceDefinition(loadGroundstreamProtos(), GROUNDING_SERVICE_NAME).GroundVideo as MethodDefinition<object, GroundingEventMessage>;
    });

    const cases: [string, GroundingEvent][] = [
      ['a frame event with regions and captions', frameEvent],
      ['a summary event with a query plan and label counts', summaryEvent],
      ['an error event without wallTime', errorEvent],
      ['a raster tile event with window, geo reference, notes and a region geometry', tileEvent],
      ['a segment end event with its segment and caption', segmentEvent],
      ['a gap event', gapEvent],
      ['a live frame event with arrival time and live status', liveFrameEvent],
    ];
    for (const [name, event] of cases) {
      it(name, () => {
        const bytes = method.responseSerialize(encodeEvent(event));
        assert.ok(bytes.length > 0);
        assert.deepEqual(decodeEvent(method.responseDeserialize(bytes)), event);
      });
    }

    it('keeps nanosecond wall times', () => {
      const event = { ...frameEvent, wallTime: '2026-01-01T00:00:00.000000001Z' };
      assert.equal(decodeEvent(method.responseDeserialize(method.responseSerialize(encodeEvent(event)))).wallTime, event.wallTime);
    });

    it('decodes a request with every field set', () => {
      const request = { source: 'rtsp://cam/1', query: 'people', fps: 5, scoreThreshold: 0.4, startSec: 1.5, endSec: 9, model: 'yolox-nano-416', streamId: 'cam1',
        temporal: { track: true, segments: true, maxGapSec: 1.5, minDurationSec: 0.5 }, live: true, captions: 'CAPTION_DETAIL_LONG', masks: true, maskModel: 'road-segmentation-adas-0001' };
      const bytes = (method as unknown as MethodDefinition<object, object>).requestSerialize(request);
      assert.deepEqual(decodeGroundVideoRequest(method.requestDeserialize(bytes) as object), request);
    });
  });
});
