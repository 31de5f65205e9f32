import assert from 'node:assert/strict';
import { firstValueFrom, toArray } from 'rxjs';
import type { Detections } from '../../../src/core/detections';
import { EventKind } from '../../../src/core/events';
import type { Frame } from '../../../src/core/frame';
import type { Detector } from '../../../src/models/detector';
import { groundVideo } from '../../../src/pipeline/ground-video';

function frames(n: number): Frame[] {
  return Array.from({ length: n }, (_, i) => ({
    sourceId: 's', index: i * 2, ptsSec: i * 0.2 + 1 / 3, width: 4, height: 4, layout: 'gbrp' as const,
    pixels: new Uint8Array(48), sourceWidth: 640, sourceHeight: 480, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 },
  }));
}

/** A detector that sees one person and one dog in every frame, their boxes moving with the index. */
const fakeDetector: Detector = {
  id: 'fake', version: 'v1', labels: ['person', 'dog'], defaultScoreThreshold: 0.5,
  inputFormat: { width: 4, height: 4, layout: 'gbrp', fit: 'letterbox', padValue: 114 },
  async detect(frame: Frame): Promise<Detections> {
    return {
      xyxy: Float32Array.from([frame.index, 1.23456, 10.5, 20, 5, 5, 6, 6]),
      score: Float32Array.from([0.912345, 0.6]),
      classId: Int32Array.from([0, 1]),
      label: ['person', 'dog'],
    };
  },
  async dispose() {},
};

describe('groundVideo', () => {
  const run = (n: number, labelPhrase?: Map<string, string>) => {
    let t = 0;
    return firstValueFrom(groundVideo({ frames: async function* () { yield* frames(n); } }, fakeDetector, {
      streamId: 'cam', labelPhrase, framesDeclared: 10, mediaDurationSec: 2,
      now: () => new Date(Date.UTC(2026, 0, 1)), clockMs: () => (t += 500),
    }).pipe(toArray()));
  };

  it('emits one frame event per frame with media time and index, then a summary', async () => {
    const events = await run(3);
    assert.deepEqual(events.map((e) => e.kind), [EventKind.EVENT_KIND_FRAME, EventKind.EVENT_KIND_FRAME, EventKind.EVENT_KIND_FRAME, EventKind.EVENT_KIND_SUMMARY]);
    assert.deepEqual(events.slice(0, 3).map((e) => [e.frameIndex, e.ptsSec]), [[0, 0.333333], [2, 0.533333], [4, 0.733333]]);
    assert.equal(events[0].eventId, 'cam:frame:0');
    assert.equal(events[0].width, 640);
    assert.equal(events[0].boxFormat, 'BOX_FORMAT_XYXY');
    assert.equal(events[0].wallTime, '2026-01-01T00:00:00.000Z');
    assert.deepEqual(events[0].models, [{ id: 'fake', version: 'v1' }]);
  });

  it('keeps only labels that ground the query and stamps the phrase', async () => {
    const events = await run(2, new Map([['person', 'pedestrians']]));
    const r = events[1].regions;
    assert.equal(r.length, 1);
    assert.deepEqual({ label: r[0].label, phrase: r[0].phrase, box: r[0].box, score: r[0].score }, { label: 'person', phrase: 'pedestrians', box: [2, 1.23, 10.5, 20], score: 0.9123 });
  });

  it('counts regions per label in the summary', async () => {
    const events = await run(4);
    const s = events[events.length - 1].summary!;
    assert.deepEqual(s.labelCounts, { person: 4, dog: 4 });
    assert.equal(s.frames, 4);
    assert.equal(s.framesDeclared, 10);
    assert.equal(s.elapsedSec, 0.5);
    assert.equal(s.framesPerSec, 8);
  });

  it('creates its counters per subscription', async () => {
    const source = { frames: async function* () { yield* frames(2); } };
    const obs = groundVideo(source, fakeDetector, { streamId: 'x' });
    const a = await firstValueFrom(obs.pipe(toArray()));
    const b = await firstValueFrom(obs.pipe(toArray()));
    assert.equal(a[a.length - 1].summary!.frames, 2);
    assert.equal(b[b.length - 1].summary!.frames, 2);
  });
});
