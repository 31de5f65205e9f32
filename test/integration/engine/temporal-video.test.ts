import assert from 'node:assert/strict';
import { lastValueFrom, toArray } from 'rxjs';
import { EventKind, Lifecycle, type GroundingEvent } from '../../../src/core/events';
import { createEngine, type Engine } from '../../../src/engine/create-engine';
import { formatSegments } from '../../../src/cli/temporal-outputs';
import { dataFile, modelSearchPath } from '../../support/paths';
import { assertNoFfmpegChildren } from '../../support/processes';

const segmentEnds = (events: GroundingEvent[], tracks: boolean) =>
  events.filter((e) => e.kind === EventKind.EVENT_KIND_SEGMENT && e.lifecycle === Lifecycle.LIFECYCLE_END && (e.segment!.trackId > 0) === tracks).map((e) => e.segment!);

describe('temporal grounding on one-by-one-person-detection.mp4 (one person at a time walks in and out)', () => {
  let engine: Engine;
  let events: GroundingEvent[];
  before(async () => {
    engine = createEngine({ modelSearchPath: modelSearchPath(), download: false, intraOpNumThreads: 2 });
    events = await lastValueFrom(engine.groundVideo({
      source: dataFile('video/one-by-one-person-detection.mp4'), query: 'person', fps: 2,
      temporal: { track: true, segments: true, maxGapSec: 1.5, minDurationSec: 2 },
    }).pipe(toArray()));
  });
  after(() => engine.close());
  afterEach(() => assertNoFfmpegChildren());

  it('finds person segments separated by empty stretches, each one person with one track', () => {
    const moments = segmentEnds(events, false);
    const tracks = segmentEnds(events, true);
    process.stdout.write(`${formatSegments(events.filter((e) => e.kind === EventKind.EVENT_KIND_SEGMENT && e.lifecycle === Lifecycle.LIFECYCLE_END))}\n`);
    assert.ok(moments.length >= 4, `several walks expected, got ${moments.length}`);
    const frames = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME);
    for (let k = 1; k < moments.length; k++) {
      const [prev, next] = [moments[k - 1], moments[k]];
      assert.ok(next.startSec - prev.endSec > 1.5, `segments ${k - 1} and ${k} are apart by more than maxGapSec`);
      const between = frames.filter((f) => f.ptsSec > prev.endSec && f.ptsSec < next.startSec);
      assert.ok(between.length >= 3, 'sampled frames lie between them');
      assert.ok(between.every((f) => f.regions.length === 0), `nobody between ${prev.endSec} s and ${next.startSec} s`);
    }
    // One walker a segment: the track segments inside a moment belong to one identity, and each
    // identity lives in one moment (ids are not handed from one walker to the next).
    const momentOf = (t: number) => moments.findIndex((m) => t >= m.startSec && t <= m.endSec);
    const idsPerMoment = moments.map(() => new Set<number>());
    for (const t of tracks) idsPerMoment[momentOf(t.startSec)]?.add(t.trackId);
    assert.ok(idsPerMoment.every((ids) => ids.size === 1), `one track a walk: ${idsPerMoment.map((s) => [...s].join('+')).join(', ')}`);
    assert.equal(new Set(tracks.map((t) => t.trackId)).size, moments.length, 'a new identity for each walk');
  });

  it('track segments carry captions whose span points at the best region, and MOT-ready frame numbers', () => {
    for (const e of events.filter((x) => x.kind === EventKind.EVENT_KIND_SEGMENT && x.lifecycle === Lifecycle.LIFECYCLE_END && x.segment!.trackId > 0)) {
      const caption = e.captions[0];
      assert.match(caption.text, new RegExp(`^person ${e.segment!.trackId} (enters|appears|is in view)`));
      assert.equal(caption.text.slice(caption.spans[0].start, caption.spans[0].end), `person ${e.segment!.trackId}`);
      assert.deepEqual(caption.spans[0].regionIds, [e.regions[0].regionId]);
    }
    const tracked = events.filter((e) => e.kind === EventKind.EVENT_KIND_FRAME && e.regions.some((r) => r.trackId > 0));
    assert.ok(tracked.length > 50);
    assert.ok(tracked.every((e) => e.frameIndex % 5 === 0), 'source frame indices under --fps 2 on 10 fps media');
  });
});
