import assert from 'node:assert/strict';
import type { Detections } from '../../../../src/core/detections';
import { createByteTracker, type ByteTrackOptions, type TrackUpdate } from '../../../../src/grounding/tracking';
import { mulberry32 } from './crossing-scene';

interface Det {
  box: readonly number[];
  score?: number;
  classId?: number;
  label?: string;
}

function dets(list: readonly Det[]): Detections {
  const n = list.length;
  const d: Detections = { xyxy: new Float32Array(n * 4), score: new Float32Array(n), classId: new Int32Array(n), label: new Array<string>(n) };
  list.forEach((x, i) => {
    d.xyxy.set(x.box, i * 4);
    d.score[i] = x.score ?? 0.9;
    d.classId[i] = x.classId ?? 0;
    d.label[i] = x.label ?? (x.classId === 2 ? 'car' : 'person');
  });
  return d;
}

/** A w×h box at top-left (x, y). */
const at = (x: number, y: number, w = 40, h = 80): number[] => [x, y, x + w, y + h];

/** Track id per detection, as a plain array. */
const ids = (u: TrackUpdate): number[] => Array.from(u.detections.trackId ?? []);

describe('createByteTracker', () => {
  describe('options', () => {
    const bad: { name: string; options: Record<string, unknown>; message: RegExp }[] = [
      { name: 'highScore above 1', options: { highScore: 1.5 }, message: /highScore must be a number in \[0, 1\]/ },
      { name: 'negative lowScore', options: { lowScore: -0.1 }, message: /lowScore must be/ },
      { name: 'NaN newTrackScore', options: { newTrackScore: NaN }, message: /newTrackScore must be/ },
      { name: 'lowScore above highScore', options: { lowScore: 0.6, highScore: 0.5 }, message: /lowScore \(0.6\) must not exceed highScore/ },
      { name: 'zero matchIou', options: { matchIou: 0 }, message: /matchIou must be a number in \(0, 1\]/ },
      { name: 'lowMatchIou above 1', options: { lowMatchIou: 2 }, message: /lowMatchIou must be/ },
      { name: 'string unconfirmedMatchIou', options: { unconfirmedMatchIou: '0.3' }, message: /unconfirmedMatchIou must be/ },
      { name: 'zero minHits', options: { minHits: 0 }, message: /minHits must be an integer >= 1/ },
      { name: 'fractional minHits', options: { minHits: 1.5 }, message: /minHits must be an integer/ },
      { name: 'negative maxMisses', options: { maxMisses: -1 }, message: /maxMisses must be an integer >= 0/ },
      { name: 'non-boolean perClass', options: { perClass: 1 }, message: /perClass must be a boolean/ },
      { name: 'unknown option', options: { maxAge: 3 }, message: /unknown ByteTrack option 'maxAge'/ },
    ];
    for (const c of bad) {
      it(`rejects ${c.name}`, () => {
        assert.throws(() => createByteTracker(c.options as Partial<ByteTrackOptions>), (e: unknown) => e instanceof RangeError && c.message.test(e.message));
      });
    }

    it('accepts defaults, explicit undefined and edge values', () => {
      createByteTracker();
      createByteTracker({ highScore: undefined });
      createByteTracker({ lowScore: 0.5, highScore: 0.5, minHits: 1, maxMisses: 0, matchIou: 1, perClass: false, fuseScore: true });
    });
  });

  it('returns the input detections in order with track ids, without changing the input', () => {
    const t = createByteTracker({ minHits: 1 });
    const input = dets([{ box: at(0, 0) }, { box: at(0, 0), score: 0.05 }, { box: at(200, 0) }]);
    const u = t.update(input);
    assert.equal(input.trackId, undefined);
    assert.equal(u.detections.xyxy, input.xyxy);
    assert.deepEqual(ids(u), [1, 0, 2]);
    assert.deepEqual(u.tracks.map((s) => [s.trackId, s.detectionIndex, s.hits, s.misses, s.age]), [[1, 0, 1, 0, 1], [2, 2, 1, 0, 1]]);
    assert.deepEqual(u.tracks[0].xyxy, [0, 0, 40, 80]);
    assert.equal(t.frameCount, 1);
  });

  it('ignores detections with degenerate or non-finite boxes and NaN scores', () => {
    const t = createByteTracker({ minHits: 1 });
    const u = t.update(dets([{ box: [10, 10, 10, 50] }, { box: [0, 0, NaN, 5] }, { box: at(0, 0), score: NaN }, { box: [5, 5, 1, 1] }]));
    assert.deepEqual(ids(u), [0, 0, 0, 0]);
    assert.equal(u.tracks.length, 0);
  });

  describe('minHits', () => {
    for (const minHits of [1, 2, 3, 5]) {
      it(`gives no id until hit ${minHits} in consecutive frames`, () => {
        const t = createByteTracker({ minHits });
        for (let f = 1; f <= minHits + 2; f++) {
          const u = t.update(dets([{ box: at(2 * f, 0) }]));
          assert.deepEqual(ids(u), [f >= minHits ? 1 : 0], `frame ${f}`);
          assert.equal(u.tracks.length, f >= minHits ? 1 : 0);
        }
      });
    }

    it('drops a tentative track that misses a frame, so counting starts over', () => {
      const t = createByteTracker({ minHits: 3 });
      const seen = [true, true, false, true, true, true].map((present) => ids(t.update(dets(present ? [{ box: at(0, 0) }] : [])))[0] ?? null);
      assert.deepEqual(seen, [0, 0, null, 0, 0, 1]);
    });

    it('does not spend ids on tentative tracks that die', () => {
      const t = createByteTracker({ minHits: 2 });
      t.update(dets([{ box: at(500, 0) }])); // tentative, then dropped
      t.update(dets([{ box: at(0, 0) }]));
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0) }]))), [1]);
    });
  });

  it('keeps the ids of two same-class objects whose boxes cross', () => {
    const t = createByteTracker({ minHits: 1 });
    // A moves right, B moves left and a little down: their boxes overlap fully around frame 20.
    const frame = (f: number): Detections => dets([{ box: at(10 + 5 * f, 100) }, { box: at(210 - 5 * f, 90 + 0.5 * f) }]);
    const first = ids(t.update(frame(0)));
    assert.deepEqual(first, [1, 2]);
    for (let f = 1; f <= 40; f++) assert.deepEqual(ids(t.update(frame(f))), [1, 2], `frame ${f}`);
  });

  it('keeps the ids of objects crossing diagonally with different sizes', () => {
    const t = createByteTracker({ minHits: 2 });
    const frame = (f: number): Detections => dets([{ box: at(4 * f, 4 * f, 50, 100) }, { box: at(200 - 4 * f, 4 * f, 40, 80) }]);
    t.update(frame(0));
    for (let f = 1; f <= 50; f++) assert.deepEqual(ids(t.update(frame(f))), [1, 2], `frame ${f}`);
  });

  describe('misses', () => {
    const maxMisses = 10;
    const cases = [
      { gap: 3, sameId: true },
      { gap: maxMisses - 1, sameId: true },
      { gap: maxMisses, sameId: true },
      { gap: maxMisses + 1, sameId: false },
      { gap: maxMisses + 5, sameId: false },
    ];
    for (const c of cases) {
      it(`an object missing for ${c.gap} frames (maxMisses ${maxMisses}) ${c.sameId ? 'keeps its id' : 'gets a new id'}`, () => {
        const t = createByteTracker({ minHits: 1, maxMisses });
        // Moving slowly, so the lost track's prediction has to follow it through the gap.
        const box = (f: number): number[] => at(100 + f, 100);
        let f = 0;
        for (; f < 15; f++) assert.deepEqual(ids(t.update(dets([{ box: box(f) }]))), [1]);
        const endedIds: number[] = [];
        for (let g = 0; g < c.gap; g++, f++) {
          const u = t.update(dets([]));
          endedIds.push(...u.ended.map((s) => s.trackId));
          if (g < maxMisses) assert.deepEqual(u.tracks.map((s) => [s.trackId, s.misses]), [[1, g + 1]]);
        }
        const u = t.update(dets([{ box: box(f) }]));
        assert.deepEqual(ids(u), [c.sameId ? 1 : 2]);
        assert.deepEqual(endedIds, c.sameId ? [] : [1]);
      });
    }

    it('reports an ended track with its last matched box', () => {
      const t = createByteTracker({ minHits: 1, maxMisses: 2 });
      t.update(dets([{ box: at(0, 0) }]));
      t.update(dets([]));
      t.update(dets([]));
      const u = t.update(dets([]));
      assert.equal(u.ended.length, 1);
      assert.deepEqual(u.ended[0].xyxy, [0, 0, 40, 80]);
      assert.equal(u.ended[0].misses, 3);
      assert.equal(u.tracks.length, 0);
    });
  });

  describe('low-score detections', () => {
    it('continue an existing track', () => {
      const t = createByteTracker({ minHits: 1 });
      t.update(dets([{ box: at(0, 0), score: 0.9 }]));
      for (let f = 1; f <= 10; f++) {
        const u = t.update(dets([{ box: at(2 * f, 0), score: 0.2 }]));
        assert.deepEqual(ids(u), [1]);
        assert.equal(u.tracks[0].score, Math.fround(0.2));
      }
    });

    it('never start a track', () => {
      const t = createByteTracker({ minHits: 1 });
      for (let f = 0; f < 10; f++) assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), score: 0.2 }]))), [0]);
    });

    it('between highScore and newTrackScore continue but do not start tracks', () => {
      const t = createByteTracker({ minHits: 1 });
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), score: 0.55 }]))), [0]);
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), score: 0.7 }]))), [1]);
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), score: 0.55 }]))), [1]);
    });

    it('do not re-find a track that was lost in the previous frame', () => {
      const t = createByteTracker({ minHits: 1 });
      t.update(dets([{ box: at(0, 0) }]));
      t.update(dets([]));
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), score: 0.2 }]))), [0]);
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), score: 0.9 }]))), [1]);
    });

    it('below lowScore are ignored', () => {
      const t = createByteTracker({ minHits: 1 });
      t.update(dets([{ box: at(0, 0) }]));
      const u = t.update(dets([{ box: at(0, 0), score: 0.05 }]));
      assert.deepEqual(ids(u), [0]);
      assert.equal(u.tracks[0].misses, 1);
    });
  });

  describe('classes', () => {
    it('a car box never takes a person track (perClass)', () => {
      const t = createByteTracker({ minHits: 2 });
      t.update(dets([{ box: at(0, 0), classId: 0 }]));
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), classId: 0 }]))), [1]);
      const u = t.update(dets([{ box: at(0, 0), classId: 2 }]));
      assert.deepEqual(ids(u), [0]);
      assert.deepEqual(u.tracks.map((s) => [s.trackId, s.classId, s.misses]), [[1, 0, 1]]);
      assert.deepEqual(ids(t.update(dets([{ box: at(0, 0), classId: 2 }]))), [2]);
    });

    it('a car box may continue a person track when perClass is false', () => {
      const t = createByteTracker({ minHits: 1, perClass: false });
      t.update(dets([{ box: at(0, 0), classId: 0 }]));
      const u = t.update(dets([{ box: at(0, 0), classId: 2, label: 'car' }]));
      assert.deepEqual(ids(u), [1]);
      assert.deepEqual([u.tracks[0].classId, u.tracks[0].label], [2, 'car']);
    });

    it('gives unique ids across classes', () => {
      const t = createByteTracker({ minHits: 1 });
      const u = t.update(dets([{ box: at(0, 0), classId: 0 }, { box: at(0, 0), classId: 2 }, { box: at(300, 0), classId: 0 }]));
      assert.deepEqual(ids(u), [1, 2, 3]);
      assert.deepEqual(ids(t.update(dets([{ box: at(300, 0), classId: 0 }, { box: at(0, 0), classId: 2 }, { box: at(0, 0), classId: 0 }]))), [3, 2, 1]);
    });
  });

  it('fuseScore lets a low-scoring overlap lose to the IoU limit', () => {
    // IoU of the shifted box is 0.6: cost 0.4 plain, 1 − 0.6·0.55 = 0.67 fused; matchIou 0.4 (cost ≤ 0.6) tells them apart.
    const shifted = at(10, 0);
    for (const [fuseScore, expected] of [[false, 1], [true, 0]] as const) {
      const t = createByteTracker({ minHits: 1, matchIou: 0.4, fuseScore });
      t.update(dets([{ box: at(0, 0) }]));
      assert.deepEqual(ids(t.update(dets([{ box: shifted, score: 0.55 }]))), [expected], `fuseScore ${fuseScore}`);
    }
  });

  it('reset ends every track and never reuses ids', () => {
    const t = createByteTracker({ minHits: 2 });
    t.update(dets([{ box: at(0, 0) }, { box: at(200, 0) }, { box: at(400, 0) }]));
    t.update(dets([{ box: at(0, 0) }, { box: at(200, 0) }, { box: at(400, 0) }])); // ids 1, 2, 3
    t.update(dets([{ box: at(0, 0) }])); // 2 and 3 lost, still alive
    const ended = t.reset();
    assert.deepEqual(ended.map((s) => [s.trackId, s.detectionIndex]), [[1, -1], [2, -1], [3, -1]]);
    assert.equal(t.frameCount, 3);
    assert.deepEqual(ids(t.update(dets([{ box: at(0, 0) }]))), [0]);
    const u = t.update(dets([{ box: at(0, 0) }]));
    assert.deepEqual(ids(u), [4]);
    assert.deepEqual(u.tracks.map((s) => s.trackId), [4]);
    assert.deepEqual(t.reset().map((s) => s.trackId), [4]);
    assert.deepEqual(t.reset(), []);
  });

  it('keeps state bounded over many frames of random detections', () => {
    const rand = mulberry32(7);
    const maxMisses = 15;
    const perFrame = 25;
    const t = createByteTracker({ minHits: 2, maxMisses });
    const seen = new Set<number>();
    const endedIds = new Set<number>();
    let maxAlive = 0;
    for (let f = 0; f < 600; f++) {
      const list: Det[] = [];
      const n = Math.floor(rand() * perFrame);
      for (let i = 0; i < n; i++) {
        const x = rand() * 600;
        const y = rand() * 400;
        list.push({ box: at(x, y, 10 + rand() * 60, 10 + rand() * 60), score: rand(), classId: rand() < 0.5 ? 0 : 2 });
      }
      const u = t.update(dets(list));
      for (const s of u.tracks) seen.add(s.trackId);
      for (const s of u.ended) {
        assert.ok(!endedIds.has(s.trackId), `track ${s.trackId} ended twice`);
        endedIds.add(s.trackId);
      }
      maxAlive = Math.max(maxAlive, u.tracks.length);
      assert.ok(u.tracks.length <= (maxMisses + 1) * perFrame);
      const alive = u.tracks.map((s) => s.trackId);
      assert.equal(new Set(alive).size, alive.length);
      assert.ok(alive.every((id, k) => k === 0 || id > alive[k - 1]), 'tracks listed by id');
    }
    assert.ok(seen.size > 0 && maxAlive > 0);
    // With no detections every track ends after maxMisses + 1 frames.
    for (let f = 0; f <= maxMisses; f++) {
      const u = t.update(dets([]));
      for (const s of u.ended) endedIds.add(s.trackId);
    }
    assert.equal(t.update(dets([])).tracks.length, 0);
    assert.deepEqual([...endedIds].sort((a, b) => a - b), [...seen].sort((a, b) => a - b));
    assert.equal(Math.max(...seen), seen.size, 'ids are 1..N without gaps');
  });
});
