import assert from 'node:assert/strict';
import {
  createSegmenter,
  DEFAULT_SEGMENT_OPTIONS,
  type SegmentEvent,
  type SegmentObservation,
  type SegmentOptions,
} from '../../../../src/grounding/temporal';

const FPS = 10;
const frameAt = (index: number, ptsSec = index / FPS) => ({ index, ptsSec, width: 640, height: 480 });
const person = (over: Partial<SegmentObservation> = {}): SegmentObservation => ({
  key: 'track:4',
  trackId: 4,
  label: 'person',
  phrase: 'person',
  xyxy: [100, 100, 200, 300],
  score: 0.9,
  regionId: 'r',
  ...over,
});

/** Feeds frames [0, frameCount) at 10 fps, with the observations `seenAt` gives, then flushes. */
function run(options: Partial<SegmentOptions>, frameCount: number, seenAt: (i: number) => SegmentObservation[]): { at: number; event: SegmentEvent }[] {
  const seg = createSegmenter(options);
  const out: { at: number; event: SegmentEvent }[] = [];
  for (let i = 0; i < frameCount; i++) for (const event of seg.observe(frameAt(i), seenAt(i))) out.push({ at: i, event });
  for (const event of seg.flush()) out.push({ at: -1, event });
  return out;
}
const summary = (events: { at: number; event: SegmentEvent }[]) =>
  events.map(({ at, event: e }) => `${at} ${e.lifecycle} ${e.segment.segmentId} ${e.segment.startSec}-${e.segment.endSec} x${e.segment.frames}`);

describe('createSegmenter', () => {
  describe('gaps', () => {
    // a person at 0–2.9 s, absent 3.0–5.9 s, back 6.0–8.9 s, at 10 fps
    const visits = (i: number) => (i < 30 || (i >= 60 && i < 90) ? [person()] : []);
    const cases: { maxGapSec: number; expected: string[] }[] = [
      {
        maxGapSec: 1,
        expected: [
          '5 new track:4#1 0-0.5 x6',
          // last seen 2.9: at 3.9 the gap is exactly 1 s (stays open), at 4.0 it is 1.1 s
          '40 end track:4#1 0-2.9 x30',
          '65 new track:4#2 6-6.5 x6',
          '-1 end track:4#2 6-8.9 x30',
        ],
      },
      { maxGapSec: 4, expected: ['5 new track:4#1 0-0.5 x6', '-1 end track:4#1 0-8.9 x60'] },
    ];
    for (const { maxGapSec, expected } of cases) {
      it(`maxGapSec ${maxGapSec}: ${expected.filter((e) => e.includes(' new ')).length} segment(s)`, () => {
        const events = run({ maxGapSec, updateEverySec: 100 }, 100, visits);
        assert.deepEqual(summary(events), expected);
      });
    }

    it('a stretch without frames is not absence; a later absent frame closes', () => {
      const seg = createSegmenter({ minDurationSec: 0 });
      assert.deepEqual(seg.observe(frameAt(0, 0), [person()]).map((e) => e.lifecycle), ['new']);
      // 5 s without any frame (sparse sampling): still the same segment
      assert.deepEqual(seg.observe(frameAt(1, 5), [person()]).map((e) => e.lifecycle), ['update']);
      const ends = seg.observe(frameAt(2, 6.5), []);
      assert.deepEqual(ends.map((e) => [e.lifecycle, e.segment.segmentId, e.segment.endSec]), [['end', 'track:4#1', 5]]);
    });
  });

  describe('minDurationSec', () => {
    const cases: { name: string; minDurationSec: number; seenFrames: number; expected: string[] }[] = [
      { name: 'a 0.2 s blip is dropped', minDurationSec: 0.5, seenFrames: 3, expected: [] },
      { name: 'a 0.4 s segment is dropped', minDurationSec: 0.5, seenFrames: 5, expected: [] },
      { name: 'exactly 0.5 s is reported', minDurationSec: 0.5, seenFrames: 6, expected: ['5 new track:4#1 0-0.5 x6', '-1 end track:4#1 0-0.5 x6'] },
      { name: 'the blip passes a 0.2 s minimum', minDurationSec: 0.2, seenFrames: 3, expected: ['2 new track:4#1 0-0.2 x3', '-1 end track:4#1 0-0.2 x3'] },
      { name: 'minimum 0 reports the first frame', minDurationSec: 0, seenFrames: 1, expected: ['0 new track:4#1 0-0 x1', '-1 end track:4#1 0-0 x1'] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const events = run({ minDurationSec: c.minDurationSec, updateEverySec: 100 }, 10, (i) => (i < c.seenFrames ? [person()] : []));
        assert.deepEqual(summary(events), c.expected);
      });
    }

    it('a dropped blip does not use up a segment number', () => {
      // blip at frames 0–1, absent 2–19, then a real visit from frame 20
      const events = run({ updateEverySec: 100 }, 40, (i) => (i < 2 || i >= 20 ? [person()] : []));
      assert.deepEqual(summary(events), ['25 new track:4#1 2-2.5 x6', '-1 end track:4#1 2-3.9 x20']);
    });
  });

  describe('updateEverySec', () => {
    // seen 0–2.9 s; `new` at 0.5 s
    const cases: { updateEverySec: number; updatesAt: number[] }[] = [
      { updateEverySec: 0, updatesAt: Array.from({ length: 24 }, (_, k) => k + 6) },
      { updateEverySec: 0.5, updatesAt: [10, 15, 20, 25] },
      { updateEverySec: 1, updatesAt: [15, 25] },
      { updateEverySec: 10, updatesAt: [] },
    ];
    for (const { updateEverySec, updatesAt } of cases) {
      it(`every ${updateEverySec} s: ${updatesAt.length} updates`, () => {
        const events = run({ updateEverySec }, 30, () => [person()]);
        assert.deepEqual(events.filter((e) => e.event.lifecycle === 'update').map((e) => e.at), updatesAt);
        assert.deepEqual(events.filter((e) => e.event.lifecycle !== 'update').map((e) => `${e.at} ${e.event.lifecycle}`), ['5 new', '-1 end']);
      });
    }

    it('no update for a frame where the segment was not seen', () => {
      const events = run({ updateEverySec: 0, maxGapSec: 5 }, 20, (i) => (i < 6 || i === 15 ? [person()] : []));
      assert.deepEqual(events.map((e) => `${e.at} ${e.event.lifecycle}`), ['5 new', '15 update', '-1 end']);
    });
  });

  it('phrase segments: several sightings per frame count once, the best one gives box and region', () => {
    const seg = createSegmenter({ minDurationSec: 0, updateEverySec: 0 });
    const phrase = (score: number, x0: number, regionId: string): SegmentObservation => ({
      key: 'phrase:person', trackId: 0, label: 'person', phrase: 'person', xyxy: [x0, 0, x0 + 10, 10], score, regionId,
    });
    seg.observe(frameAt(0), [phrase(0.5, 0, 'f0a'), phrase(0.7, 100, 'f0b'), phrase(0.7, 200, 'f0c')]);
    seg.observe(frameAt(1), [phrase(0.9, 300, 'f1a'), phrase(0.6, 400, 'f1b')]);
    const [end] = seg.observe(frameAt(2), [phrase(0.8, 500, 'f2a'), phrase(0.1, 600, 'f2b')]).concat(seg.flush()).filter((e) => e.lifecycle === 'end');
    assert.deepEqual(end.segment, {
      segmentId: 'phrase:person#1',
      key: 'phrase:person',
      trackId: 0,
      label: 'person',
      phrase: 'person',
      startSec: 0,
      endSec: 0.2,
      startFrameIndex: 0,
      endFrameIndex: 2,
      frames: 3,
      bestScore: 0.9,
      bestFrameIndex: 1,
      bestSec: 0.1,
      bestXyxy: [300, 0, 310, 10],
      firstXyxy: [100, 0, 110, 10], // ties keep the first of the frame
      lastXyxy: [500, 0, 510, 10],
      frameWidth: 640,
      frameHeight: 480,
      regionId: 'f1a',
    });
  });

  it('orders one call: ends, then news, then updates, each by segmentId', () => {
    const seg = createSegmenter({ minDurationSec: 0.1, updateEverySec: 0, maxGapSec: 0.1 });
    const o = (trackId: number) => person({ key: `track:${trackId}`, trackId });
    seg.observe(frameAt(0), [o(9), o(1), o(5), o(3)]);
    seg.observe(frameAt(1), [o(9), o(1), o(5), o(3)]); // all four new
    seg.observe(frameAt(2), [o(9), o(3), o(7), o(2)]); // 1 and 5 absent, within the gap
    const events = seg.observe(frameAt(3), [o(3), o(9), o(2), o(7), o(6)]);
    assert.deepEqual(events.map((e) => `${e.lifecycle} ${e.segment.segmentId}`), [
      'end track:1#1',
      'end track:5#1',
      'new track:2#1',
      'new track:7#1',
      'update track:3#1',
      'update track:9#1',
    ]);
  });

  it('media time going back closes everything first; numbering goes on', () => {
    const seg = createSegmenter({ minDurationSec: 0.1, updateEverySec: 100 });
    const o2 = person({ key: 'track:2', trackId: 2 });
    seg.observe(frameAt(0, 100), [person(), o2]);
    seg.observe(frameAt(1, 100.1), [person()]); // track:2 pending, never reported
    const events = seg.observe(frameAt(2, 3), [person()]);
    assert.deepEqual(events.map((e) => `${e.lifecycle} ${e.segment.segmentId} ${e.segment.startSec}-${e.segment.endSec}`), ['end track:4#1 100-100.1']);
    const next = seg.observe(frameAt(3, 3.1), [person()]);
    assert.deepEqual(next.map((e) => `${e.lifecycle} ${e.segment.segmentId} ${e.segment.startSec}`), ['new track:4#2 3']);
  });

  it('flush closes reported segments, drops pending ones, and leaves the segmenter usable', () => {
    const seg = createSegmenter({ minDurationSec: 0.5 });
    const o2 = person({ key: 'track:2', trackId: 2 });
    for (let i = 0; i < 10; i++) seg.observe(frameAt(i), i >= 7 ? [person(), o2] : [person()]);
    assert.deepEqual(seg.flush().map((e) => `${e.lifecycle} ${e.segment.segmentId}`), ['end track:4#1']);
    assert.deepEqual(seg.flush(), []);
    const later: SegmentEvent[] = [];
    for (let i = 20; i < 30; i++) later.push(...seg.observe(frameAt(i), [person()]));
    assert.deepEqual(later.map((e) => `${e.lifecycle} ${e.segment.segmentId} ${e.segment.startSec}`), ['new track:4#2 2']);
  });

  it('events are rounded, plain JSON, and snapshots that later frames do not change', () => {
    const seg = createSegmenter({ minDurationSec: 0, updateEverySec: 0 });
    const xyxy = Float32Array.of(10.3, 20.7, 30.1, 40.9);
    const [first] = seg.observe(frameAt(0, 1 / 3), [person({ xyxy: xyxy.subarray(0, 4), score: Math.fround(0.87654321) })]);
    xyxy[0] = 0; // the segmenter copied the box
    const kept = structuredClone(first);
    seg.observe(frameAt(1, 2 / 3), [person({ score: 0.99, xyxy: [1, 2, 3, 4] })]);
    assert.deepEqual(first, kept);
    assert.deepEqual(JSON.parse(JSON.stringify(first)), first);
    assert.equal(first.segment.startSec, 0.333);
    assert.deepEqual(first.segment.firstXyxy, [10.3, 20.7, 30.1, 40.9]);
    assert.equal(first.segment.bestScore, 0.8765);
  });

  describe('options', () => {
    it('defaults', () => {
      assert.deepEqual(DEFAULT_SEGMENT_OPTIONS, { maxGapSec: 1, minDurationSec: 0.5, updateEverySec: 1 });
      assert.deepEqual(createSegmenter().options, DEFAULT_SEGMENT_OPTIONS);
      assert.deepEqual(createSegmenter({ maxGapSec: undefined, minDurationSec: 2 }).options, { maxGapSec: 1, minDurationSec: 2, updateEverySec: 1 });
    });
    const bad: [keyof SegmentOptions, unknown][] = [
      ['maxGapSec', -1],
      ['maxGapSec', Number.NaN],
      ['minDurationSec', Number.POSITIVE_INFINITY],
      ['updateEverySec', -0.1],
      ['updateEverySec', '1'],
    ];
    for (const [key, value] of bad) {
      it(`rejects ${key} = ${String(value)}`, () => {
        assert.throws(() => createSegmenter({ [key]: value } as Partial<SegmentOptions>), RangeError);
      });
    }
    it('rejects bad frames and observations', () => {
      const seg = createSegmenter();
      assert.throws(() => seg.observe(frameAt(0, Number.NaN), []), RangeError);
      assert.throws(() => seg.observe(frameAt(0), [person({ key: '' })]), RangeError);
      assert.throws(() => seg.observe(frameAt(0), [person({ xyxy: [1, 2, 3] })]), RangeError);
      assert.throws(() => seg.observe(frameAt(0), [person({ score: Number.NaN })]), RangeError);
    });
  });
});
