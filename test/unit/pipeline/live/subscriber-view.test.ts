import assert from 'node:assert/strict';
import { EventKind, type Caption, type GroundingEvent, type Region } from '../../../../src/core/events';
import { eventEnvelope } from '../../../../src/pipeline/event-envelope';
import { toSubscriberView, type SubscriberView } from '../../../../src/pipeline/live/subscriber-view';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const region = (regionId: string, label: string, phrase: string): Region => ({
  regionId,
  box: [0, 0, 10, 10],
  label,
  classId: 0,
  score: 0.9,
  phrase,
  trackId: 0,
  modelId: 'yolox-s',
  nativeBox: [],
  tileId: '',
  text: '',
  polygon: [],
});

/** A frame event with a person, a car, a bicycle and a second person, and a caption pointing at them. */
function frameEvent(): GroundingEvent {
  return deepFreeze({
    ...eventEnvelope(EventKind.EVENT_KIND_FRAME, 'cam1', 'cam1:frame:7', () => new Date(0)),
    frameIndex: 7,
    regions: [region('r0', 'person', 'people'), region('r1', 'car', 'vehicles'), region('r2', 'bicycle', 'vehicles'), region('r3', 'person', 'people')],
    captions: [
      {
        text: 'two people near a car and a bicycle',
        spans: [
          { start: 0, end: 10, regionIds: ['r0', 'r3'] },
          { start: 18, end: 21, regionIds: ['r1'] },
          { start: 28, end: 35, regionIds: ['r2'] },
        ],
      },
      { text: 'a car', spans: [{ start: 2, end: 5, regionIds: ['r1'] }] },
    ],
  });
}

/** The view of an event that must stay visible. */
function seen(event: GroundingEvent, view: SubscriberView): GroundingEvent {
  const out = toSubscriberView(event, view);
  assert.ok(out, 'the event stays visible');
  return out;
}

const ids = (e: GroundingEvent) => e.regions.map((r) => r.regionId);
const phrases = (e: GroundingEvent) => e.regions.map((r) => r.phrase);
const spans = (captions: Caption[]) => captions.map((c) => c.spans.map((s) => `${s.start}-${s.end}:${s.regionIds.join('+')}`));

describe('toSubscriberView', () => {
  const unchanging: { name: string; view: SubscriberView }[] = [
    { name: 'an empty view', view: {} },
    { name: 'empty label and phrase sets', view: { labels: new Set(), phrases: new Set() } },
    { name: 'filters every region passes', view: { labels: new Set(['person', 'car', 'bicycle']), phrases: new Set(['people', 'vehicles']) } },
    { name: 'a labelPhrase that stamps the phrases regions already have', view: { labelPhrase: new Map([['person', 'people'], ['car', 'vehicles'], ['bicycle', 'vehicles']]) } },
  ];
  for (const { name, view } of unchanging) {
    it(`returns the same event for ${name}`, () => {
      const event = frameEvent();
      assert.equal(toSubscriberView(event, view), event);
    });
  }

  const cases: { name: string; view: SubscriberView; ids: string[]; phrases: string[]; spans: string[][] }[] = [
    {
      name: 'labels keep only those labels',
      view: { labels: new Set(['person']) },
      ids: ['r0', 'r3'],
      phrases: ['people', 'people'],
      spans: [['0-10:r0+r3'], []],
    },
    {
      name: 'phrases keep only those phrases',
      view: { phrases: new Set(['vehicles']) },
      ids: ['r1', 'r2'],
      phrases: ['vehicles', 'vehicles'],
      spans: [['18-21:r1', '28-35:r2'], ['2-5:r1']],
    },
    {
      name: 'labelPhrase removes other labels and re-stamps the phrase',
      view: { labelPhrase: new Map([['person', 'pedestrians'], ['bicycle', 'bikes']]) },
      ids: ['r0', 'r2', 'r3'],
      phrases: ['pedestrians', 'bikes', 'pedestrians'],
      spans: [['0-10:r0+r3', '28-35:r2'], []],
    },
    {
      name: 'phrases apply after labelPhrase re-stamps',
      view: { labelPhrase: new Map([['person', 'pedestrians'], ['car', 'cars']]), phrases: new Set(['cars', 'people']) },
      ids: ['r1'],
      phrases: ['cars'],
      spans: [['18-21:r1'], ['2-5:r1']],
    },
    {
      name: 'labels and phrases together',
      view: { labels: new Set(['person', 'car']), phrases: new Set(['vehicles']) },
      ids: ['r1'],
      phrases: ['vehicles'],
      spans: [['18-21:r1'], ['2-5:r1']],
    },
    {
      name: 'a view that removes every region',
      view: { labels: new Set(['dog']) },
      ids: [],
      phrases: [],
      spans: [[], []],
    },
  ];
  for (const c of cases) {
    it(`${c.name}, trims caption spans, and leaves the shared event as it was`, () => {
      const event = frameEvent();
      const before = structuredClone(event);
      const out = seen(event, c.view);
      assert.notEqual(out, event);
      assert.deepEqual(ids(out), c.ids);
      assert.deepEqual(phrases(out), c.phrases);
      assert.deepEqual(spans(out.captions), c.spans);
      assert.deepEqual(out.captions.map((cap) => cap.text), event.captions.map((cap) => cap.text), 'captions keep their text');
      assert.deepEqual(event, before, 'input not mutated');
      assert.deepEqual({ ...out, regions: event.regions, captions: event.captions }, event, 'other fields copied as they are');
    });
  }

  it('shares untouched regions and captions, copies only what changes', () => {
    const event = frameEvent();
    const out = seen(event, { labelPhrase: new Map([['person', 'pedestrians'], ['car', 'vehicles']]) });
    assert.deepEqual(ids(out), ['r0', 'r1', 'r3']);
    assert.notEqual(out.regions[0], event.regions[0], 'phrase changed: copied');
    assert.equal(out.regions[1], event.regions[1], 'phrase kept: same object');
    assert.equal(out.captions[1], event.captions[1], 'caption without removed regions: same object');
    assert.deepEqual(spans(out.captions), [['0-10:r0+r3', '18-21:r1'], ['2-5:r1']]);
  });

  it('keeps the captions array when removed regions are in no span', () => {
    const event = deepFreeze({ ...frameEvent(), captions: [{ text: 'a car', spans: [{ start: 2, end: 5, regionIds: ['r1'] }] }] });
    const out = seen(event, { labels: new Set(['car']) });
    assert.deepEqual(ids(out), ['r1']);
    assert.equal(out.captions, event.captions);
  });

  it('keeps a span that pointed at no region', () => {
    const event = deepFreeze({ ...frameEvent(), captions: [{ text: 'a car here', spans: [{ start: 0, end: 1, regionIds: [] }, { start: 2, end: 5, regionIds: ['r1'] }] }] });
    const out = seen(event, { labels: new Set(['person']) });
    assert.deepEqual(spans(out.captions), [['0-1:']]);
  });

  const regionless: { name: string; event: GroundingEvent }[] = [
    { name: 'a frame with no regions', event: { ...eventEnvelope(EventKind.EVENT_KIND_FRAME, 'cam1', 'cam1:frame:8', () => new Date(0)) } },
    { name: 'a drop notice', event: { ...eventEnvelope(EventKind.EVENT_KIND_DROPPED, 'cam1', 'cam1:dropped:0', () => new Date(0)), drops: { missed: 3, missedTotal: 3, reason: 'latest' } } },
    { name: 'a stream end', event: eventEnvelope(EventKind.EVENT_KIND_STREAM_END, 'cam1', 'cam1:end:0', () => new Date(0)) },
  ];
  for (const { name, event } of regionless) {
    it(`passes ${name} through unchanged`, () => {
      const frozen = deepFreeze(event);
      assert.equal(toSubscriberView(frozen, { labelPhrase: new Map([['person', 'people']]), labels: new Set(['person']), phrases: new Set(['people']) }), frozen);
    });
  }

  describe('segment events', () => {
    const segmentEvent = (label: string): GroundingEvent => deepFreeze({
      ...eventEnvelope(EventKind.EVENT_KIND_SEGMENT, 'cam1', 'cam1:segment:0', () => new Date(0)),
      regions: [{ ...region('f3r0', label, label), trackId: 4 }],
      captions: [{ text: `${label} 4 enters at 00:01.0 from the left`, spans: [{ start: 0, end: label.length + 2, regionIds: ['f3r0'] }] }],
      segment: {
        segmentId: 'track:4#1', key: 'track:4', trackId: 4, label, phrase: label, startSec: 1, endSec: 3,
        startFrameIndex: 10, endFrameIndex: 30, frames: 21, bestScore: 0.9, bestFrameIndex: 12, bestSec: 1.2,
      },
    });
    const cases: { name: string; label: string; view: SubscriberView; phrase?: string }[] = [
      { name: 'hidden when its region is filtered out by the query', label: 'car', view: { labelPhrase: new Map([['person', 'people']]) } },
      { name: 'hidden when its label is filtered out', label: 'car', view: { labels: new Set(['person']) } },
      { name: 'kept, with the subscriber\'s phrase', label: 'person', view: { labelPhrase: new Map([['person', 'people']]) }, phrase: 'people' },
      { name: 'kept as is when nothing changes', label: 'person', view: { labels: new Set(['person']) }, phrase: 'person' },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const out = toSubscriberView(segmentEvent(c.label), c.view);
        if (c.phrase === undefined) return assert.equal(out, undefined);
        assert.equal(out?.segment?.phrase, c.phrase);
        assert.equal(out?.regions[0].phrase, c.phrase);
      });
    }
  });
});
