import assert from 'node:assert/strict';
import type { Detections } from '../../../src/core/detections';
import { EventKind, Lifecycle, type GroundingEvent } from '../../../src/core/events';
import { IDENTITY_TO_SOURCE, type Frame, type FrameGap } from '../../../src/core/frame';
import { createTemporalStage, type TemporalStageOptions } from '../../../src/pipeline/temporal-stage';

const W = 640;
const H = 360;

function frame(index: number, fps = 10, extra: Partial<Frame> = {}): Frame {
  return {
    sourceId: 'cam', index, ptsSec: index / fps, width: W, height: H, layout: 'rgb24', pixels: new Uint8Array(0),
    sourceWidth: W, sourceHeight: H, toSource: IDENTITY_TO_SOURCE, ...extra,
  };
}

function dets(boxes: { xyxy: number[]; score: number; label?: string }[]): Detections {
  return {
    xyxy: Float32Array.from(boxes.flatMap((b) => b.xyxy)),
    score: Float32Array.from(boxes.map((b) => b.score)),
    classId: Int32Array.from(boxes.map((b) => (b.label === 'car' ? 2 : 0))),
    label: boxes.map((b) => b.label ?? 'person'),
  };
}

const base: TemporalStageOptions = {
  streamId: 'cam', models: [{ id: 'm', version: 'v' }], modelId: 'm', scoreThreshold: 0.3, now: () => new Date(0),
};

/** A person walking left to right, 10 px a frame, starting at the left edge. */
const walker = (i: number, score = 0.9) => ({ xyxy: [i * 10, 100, i * 10 + 40, 200], score });

describe('createTemporalStage', () => {
  it('without tracking: frame events only, at the report threshold', () => {
    const stage = createTemporalStage(base);
    assert.equal(stage.detectScoreThreshold, 0.3);
    const events = stage.onFrame(frame(0), dets([walker(0)]));
    assert.deepEqual(events.map((e) => e.kind), [EventKind.EVENT_KIND_FRAME]);
    assert.equal(events[0].regions[0].trackId, 0);
    assert.deepEqual(stage.finish(), []);
  });

  it('tracks: detects low, reports low-score regions only when they continue a track', () => {
    const stage = createTemporalStage({ ...base, track: { minHits: 2 } });
    assert.equal(stage.detectScoreThreshold, 0.1);
    const out: GroundingEvent[] = [];
    for (let i = 0; i < 4; i++) out.push(...stage.onFrame(frame(i), dets([walker(i)])));
    // Frame 4: the walker drops to 0.2 (continues its track); a lone 0.2 box elsewhere starts nothing.
    out.push(...stage.onFrame(frame(4), dets([walker(4, 0.2), { xyxy: [500, 10, 540, 90], score: 0.2 }])));
    const ids = out.map((e) => e.regions.map((r) => r.trackId));
    assert.deepEqual(ids, [[0], [1], [1], [1], [1]]);
  });

  it('segments: new, end with a caption, per track and per phrase; flushed at the end', () => {
    const stage = createTemporalStage({ ...base, segments: { minDurationSec: 0.2, updateEverySec: 0 }, track: { minHits: 1 }, labelPhrase: new Map([['person', 'people']]) });
    const out: GroundingEvent[] = [];
    for (let i = 0; i < 10; i++) out.push(...stage.onFrame(frame(i), dets([walker(i)])));
    out.push(...stage.finish());
    const segs = out.filter((e) => e.kind === EventKind.EVENT_KIND_SEGMENT);
    const news = segs.filter((e) => e.lifecycle === Lifecycle.LIFECYCLE_NEW).map((e) => e.segment!.key).sort();
    assert.deepEqual(news, ['phrase:people', 'track:1']);
    const ends = segs.filter((e) => e.lifecycle === Lifecycle.LIFECYCLE_END);
    assert.equal(ends.length, 2);
    const track = ends.find((e) => e.segment!.trackId === 1)!;
    assert.equal(track.segment!.startSec, 0);
    assert.equal(track.segment!.endSec, 0.9);
    assert.equal(track.segment!.frames, 10);
    assert.match(track.captions[0].text, /^person 1 /);
    assert.deepEqual(track.captions[0].spans[0].regionIds, [track.regions[0].regionId]);
    assert.equal(track.regions[0].phrase, 'people');
    assert.ok(segs.some((e) => e.lifecycle === Lifecycle.LIFECYCLE_UPDATE), 'updates every frame with updateEverySec 0');
    // The frame event of each frame comes before the segment events it causes.
    const firstNew = out.findIndex((e) => e.lifecycle === Lifecycle.LIFECYCLE_NEW);
    assert.equal(out[firstNew - 1].kind, EventKind.EVENT_KIND_FRAME);
  });

  it('a gap: gap event first, tracks and segments end, identities start afresh after it', () => {
    const stage = createTemporalStage({ ...base, segments: { minDurationSec: 0 }, track: { minHits: 1 } });
    const out: GroundingEvent[] = [];
    for (let i = 0; i < 5; i++) out.push(...stage.onFrame(frame(i), dets([walker(i)])));
    const gap: FrameGap = { startPtsSec: 0.4, endPtsSec: 3.5, wallSec: 3.1, mediaJumpSec: 3, reason: 'reconnect', reconnects: 1 };
    const after = stage.onFrame(frame(35, 10, { gapBefore: gap }), dets([walker(5)]));
    assert.equal(after[0].kind, EventKind.EVENT_KIND_GAP);
    assert.deepEqual(after[0].gap, gap);
    const endsAtGap = after.filter((e) => e.lifecycle === Lifecycle.LIFECYCLE_END).map((e) => e.segment!.key).sort();
    assert.deepEqual(endsAtGap, ['phrase:person', 'track:1']);
    const frameAfter = after.find((e) => e.kind === EventKind.EVENT_KIND_FRAME)!;
    assert.equal(frameAfter.regions[0].trackId, 2, 'a new identity after the gap');
  });

  it('live frames carry arrival time, drops and lag', () => {
    const stage = createTemporalStage({ ...base, nowMs: () => 1_000_250 });
    const [a] = stage.onFrame(frame(0, 10, { arrivalMs: 1_000_000, droppedBefore: 0 }), dets([]));
    const [b] = stage.onFrame(frame(3, 10, { arrivalMs: 1_000_100, droppedBefore: 2 }), dets([]));
    assert.equal(a.arrivalTime, new Date(1_000_000).toISOString());
    assert.deepEqual(a.live, { droppedFrames: 0, droppedTotal: 0, lagSec: 0.25 });
    assert.deepEqual(b.live, { droppedFrames: 2, droppedTotal: 2, lagSec: 0.15 });
    const [file] = createTemporalStage(base).onFrame(frame(0), dets([]));
    assert.equal(file.live, undefined, 'files read as fast as they decode carry no live status');
  });
});
