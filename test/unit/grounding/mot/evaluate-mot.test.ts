import assert from 'node:assert/strict';
import { evaluateMot, type MotMetrics, type MotRow } from '../../../../src/grounding/mot';

/** Rows `[frame, id, x]` (or `[frame, id, x, y, w, h]`) → frames; boxes default to 10×10 at y = 0. */
function tracks(rows: number[][]): Map<number, MotRow[]> {
  const out = new Map<number, MotRow[]>();
  for (const [frame, id, x, y = 0, w = 10, h = 10] of rows) {
    const list = out.get(frame) ?? [];
    list.push({ frame, id, x, y, w, h, score: 1 });
    out.set(frame, list);
  }
  return out;
}

/** Every frame from..to of one id at a fixed x. */
const span = (id: number, x: number, from: number, to: number): number[][] =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, id, x]);

interface Case {
  name: string;
  gt: number[][];
  pred: number[][];
  iouThreshold?: number;
  expected: Partial<MotMetrics>;
}

// Boxes are 10 px wide at y = 0 unless a row says otherwise; boxes at x = 0, 100, 200 never overlap.
// Every number below is worked out by hand in the comment before it.
const cases: Case[] = [
  {
    // GT 1 at x=0 and GT 2 at x=100 in frames 1-4; predictions 7 and 8 on exactly the same boxes.
    // 8 GT boxes, 8 matches of IoU 1 → TP 8, FP 0, FN 0, IDs 0, MOTA = 1 − 0/8 = 1, MOTP 1 (0 as distance).
    // Identity: 1↔7 and 2↔8 overlap 4 frames each → IDTP 8, IDFP = 8 − 8 = 0, IDFN 0, IDF1 = 16/16 = 1.
    // Each GT matched 4/4 frames → MT 2.
    name: 'perfect tracking',
    gt: [...span(1, 0, 1, 4), ...span(2, 100, 1, 4)],
    pred: [...span(7, 0, 1, 4), ...span(8, 100, 1, 4)],
    expected: {
      numFrames: 4, numGt: 8, numPred: 8, numGtIds: 2, numPredIds: 2, tp: 8, fp: 0, fn: 0, idSwitches: 0, fragmentations: 0,
      mota: 1, motpIou: 1, motpDistance: 0, precision: 1, recall: 1,
      idtp: 8, idfp: 0, idfn: 0, idf1: 1, idp: 1, idr: 1, mostlyTracked: 2, partiallyTracked: 0, mostlyLost: 0,
    },
  },
  {
    // GT 1 at x=0 in frames 1-4; prediction 5 covers frames 1-2, prediction 6 frames 3-4 (same box).
    // Frame 3: 5 is gone, so 1 is matched to 6, not its last match 5 → 1 ID switch. TP 4, FP 0, FN 0.
    // MOTA = 1 − (0 + 0 + 1)/4 = 0.75.
    // Identity: 1 overlaps 5 in 2 frames and 6 in 2 → one of them, IDTP 2; IDFN = 4 − 2 = 2; IDFP = 4 − 2 = 2;
    // IDF1 = 4/(4 + 2 + 2) = 0.5, IDP = 2/4, IDR = 2/4.
    name: 'one ID switch halfway',
    gt: span(1, 0, 1, 4),
    pred: [...span(5, 0, 1, 2), ...span(6, 0, 3, 4)],
    expected: {
      numGt: 4, numPred: 4, numGtIds: 1, numPredIds: 2, tp: 4, fp: 0, fn: 0, idSwitches: 1, fragmentations: 0,
      mota: 0.75, precision: 1, recall: 1, idtp: 2, idfp: 2, idfn: 2, idf1: 0.5, idp: 0.5, idr: 0.5, mostlyTracked: 1,
    },
  },
  {
    // GT 1 walks right (x = 0, 30, 60, 90), GT 2 walks left (x = 90, 60, 30, 0): they cross between
    // frames 2 and 3 without ever overlapping. Prediction 11 follows GT 1 in frames 1-2 then GT 2 in 3-4;
    // prediction 12 the other way round (the tracker swapped the ids at the crossing).
    // Frame 3: last frame's pairs 1↔11, 2↔12 no longer overlap (IoU 0), Hungarian pairs 1↔12, 2↔11:
    // both GT ids change prediction → 2 ID switches. TP 8, FP 0, FN 0, MOTA = 1 − 2/8 = 0.75.
    // Identity: every pair overlaps in 2 frames; the best assignment has 2 + 2 → IDTP 4, IDFP = 8 − 4 = 4,
    // IDFN = 4, IDF1 = 8/(8 + 4 + 4) = 0.5.
    name: 'two ids swapped at a crossing',
    gt: [[1, 1, 0], [2, 1, 30], [3, 1, 60], [4, 1, 90], [1, 2, 90], [2, 2, 60], [3, 2, 30], [4, 2, 0]],
    pred: [[1, 11, 0], [2, 11, 30], [3, 11, 30], [4, 11, 0], [1, 12, 90], [2, 12, 60], [3, 12, 60], [4, 12, 90]],
    expected: {
      numGt: 8, numPred: 8, tp: 8, fp: 0, fn: 0, idSwitches: 2, mota: 0.75,
      idtp: 4, idfp: 4, idfn: 4, idf1: 0.5, idp: 0.5, idr: 0.5, mostlyTracked: 2,
    },
  },
  {
    // GT 1 at x=0 in frames 1-2; prediction 1 shifted 5 px right: IoU = 5·10 / (100 + 100 − 50) = 1/3 < 0.5.
    // Nothing matches: TP 0, FP 2, FN 2, MOTA = 1 − (2 + 2)/2 = −1. Precision 0/2, recall 0/2, MOTP undefined.
    // Identity: no pair overlaps enough → IDTP 0, IDFP 2, IDFN 2, IDF1 0. GT matched 0/2 frames → ML 1.
    name: 'all predictions shifted below the IoU threshold',
    gt: span(1, 0, 1, 2),
    pred: span(1, 5, 1, 2),
    expected: {
      tp: 0, fp: 2, fn: 2, idSwitches: 0, mota: -1, motpIou: null, motpDistance: null, precision: 0, recall: 0,
      idtp: 0, idfp: 2, idfn: 2, idf1: 0, idp: 0, idr: 0, mostlyTracked: 0, partiallyTracked: 0, mostlyLost: 1,
    },
  },
  {
    // Same boxes, threshold 0.3: IoU 1/3 ≥ 0.3 now matches. TP 2, MOTA 1, MOTP (IoU) 1/3, distance 2/3, IDF1 1.
    name: 'the same shift under a lower IoU threshold',
    gt: span(1, 0, 1, 2),
    pred: span(1, 5, 1, 2),
    iouThreshold: 0.3,
    expected: { tp: 2, fp: 0, fn: 0, mota: 1, motpIou: 1 / 3, motpDistance: 2 / 3, idtp: 2, idf1: 1, iouThreshold: 0.3 },
  },
  {
    // GT 1 at x=0 tracked perfectly by prediction 1 in frames 1-4, plus a false track 9 at x=200 in frames 1-2.
    // TP 4, FP 2, FN 0, MOTA = 1 − 2/4 = 0.5, precision 4/6, recall 1.
    // Identity: 1↔1 overlaps 4 frames; 9 stays unassigned → IDTP 4, IDFP = 6 − 4 = 2, IDFN 0,
    // IDF1 = 8/(8 + 2 + 0) = 0.8, IDP = 4/6, IDR = 1.
    name: 'an extra false track',
    gt: span(1, 0, 1, 4),
    pred: [...span(1, 0, 1, 4), ...span(9, 200, 1, 2)],
    expected: {
      numGt: 4, numPred: 6, numPredIds: 2, tp: 4, fp: 2, fn: 0, idSwitches: 0, mota: 0.5, precision: 4 / 6, recall: 1,
      idtp: 4, idfp: 2, idfn: 0, idf1: 0.8, idp: 4 / 6, idr: 1, mostlyTracked: 1,
    },
  },
  {
    // GT 1 in frames 1-3 and GT 2 in frames 1-2 (5 boxes), no prediction at all.
    // TP 0, FP 0, FN 5, MOTA = 1 − (5 + 0 + 0)/5 = 0 (not negative: missing everything costs exactly 1).
    // Precision 0/0 and IDP 0/0 are 0 (TrackEval's x / max(1, d)); MOTP undefined; IDTP 0, IDFN 5, IDF1 0; ML 2.
    name: 'empty prediction',
    gt: [...span(1, 0, 1, 3), ...span(2, 100, 1, 2)],
    pred: [],
    expected: {
      numFrames: 3, numGt: 5, numPred: 0, numPredIds: 0, tp: 0, fp: 0, fn: 5, idSwitches: 0, mota: 0, motpIou: null, motpDistance: null,
      precision: 0, recall: 0, idtp: 0, idfp: 0, idfn: 5, idf1: 0, idp: 0, idr: 0, mostlyTracked: 0, mostlyLost: 2,
    },
  },
  {
    // Frame 1: GT 1 at x=0 and prediction A (id 1) on it. Frame 2: A drifts 2 px (IoU = 80/120 = 2/3) and a
    // new prediction B (id 2) sits exactly on GT 1 (IoU 1). Plain Hungarian would take B (cost 0 < 1/3) and
    // count an ID switch; the CLEAR-MOT rule keeps last frame's pair 1↔A since it still has IoU ≥ 0.5.
    // TP 2, FP 1 (B), FN 0, IDs 0, MOTA = 1 − 1/2 = 0.5; MOTP (IoU) = (1 + 2/3)/2 = 5/6, distance 1/6.
    // Identity: 1↔A overlaps in both frames, 1↔B in one → IDTP 2, IDFP = 3 − 2 = 1, IDFN 0, IDF1 = 4/5.
    name: 'CLEAR-MOT keeps last frame\'s match where plain Hungarian would switch',
    gt: [[1, 1, 0], [2, 1, 0]],
    pred: [[1, 1, 0], [2, 1, 2], [2, 2, 0]],
    expected: {
      tp: 2, fp: 1, fn: 0, idSwitches: 0, mota: 0.5, motpIou: 5 / 6, motpDistance: 1 / 6,
      idtp: 2, idfp: 1, idfn: 0, idf1: 0.8,
    },
  },
  {
    // As above, but GT 1 is absent in frame 2 (A alone there, a FP) and comes back in frame 3 with A drifted
    // (IoU 2/3) and B exact. GT 1 was not matched in the previous frame, so there is no pair to keep
    // (py-motmetrics; TrackEval keeps it across a frame without ground truth): Hungarian takes B, and
    // since GT 1's last match was A, that is an ID switch.
    // TP 2, FP 2 (A in frame 2, A in frame 3), FN 0, IDs 1, MOTA = 1 − (0 + 2 + 1)/2 = −0.5, MOTP (IoU) 1.
    // Identity: 1↔A overlaps in frames 1 and 3 (2/3 ≥ 0.5), 1↔B in 1 → IDTP 2, IDFP = 4 − 2 = 2, IDF1 = 4/6.
    name: 'the kept match is last frame\'s only: a gap in the ground truth breaks it',
    gt: [[1, 1, 0], [3, 1, 0]],
    pred: [[1, 1, 0], [2, 1, 0], [3, 1, 2], [3, 2, 0]],
    expected: { numFrames: 3, tp: 2, fp: 2, fn: 0, idSwitches: 1, mota: -0.5, motpIou: 1, idtp: 2, idfp: 2, idfn: 0, idf1: 2 / 3 },
  },
  {
    // One frame. GT A = [0,10], B = [4,14]; predictions X = [1,11], Y = [-3,7] (x ranges, all 10 px tall).
    // IoU(A,X) = 9/11 ≈ 0.818, IoU(A,Y) = 7/13 ≈ 0.538, IoU(B,X) = 7/13, IoU(B,Y) = 3/17 < 0.5.
    // py-motmetrics and TrackEval both make two matches A↔Y, B↔X (a cost limit of 1 − 0.5 would instead keep
    // only A↔X, gain 0.318 > 0.038 + 0.038). TP 2, FP 0, FN 0, MOTA 1, MOTP (IoU) = 7/13, distance 6/13.
    // Identity: A overlaps X and Y, B only X → A↔Y, B↔X, IDTP 2, IDF1 1.
    name: 'per-frame matching makes the most matches, then the cheapest',
    gt: [[1, 1, 0], [1, 2, 4]],
    pred: [[1, 1, 1], [1, 2, -3]],
    expected: { tp: 2, fp: 0, fn: 0, mota: 1, motpIou: 7 / 13, motpDistance: 6 / 13, idtp: 2, idf1: 1 },
  },
  {
    // GT g1 at x=0 in frames 1-5, GT g2 at x=100 in frames 4-5. Prediction p1 is on g1 in frames 1-3 and on g2
    // in 4-5; prediction p2 is on g1 in frames 4-5.
    // CLEAR: frame 4, p1 left g1 (IoU 0), g1↔p2 is a switch (last p1); g2↔p1 is g2's first match.
    // TP 7, FP 0, FN 0, IDs 1, MOTA = 1 − 1/7 = 6/7.
    // Identity overlaps: g1↔p1 3, g1↔p2 2, g2↔p1 2, g2↔p2 0. Greedy takes g1↔p1 (3) and is left with g2↔p2
    // (0): IDTP 3. The optimum is g1↔p2 + g2↔p1 = 4: IDTP 4, IDFP = 7 − 4 = 3, IDFN = 7 − 4 = 3,
    // IDF1 = 8/(8 + 3 + 3) = 4/7 (greedy would give 6/14 = 3/7).
    name: 'IDF1 uses the optimal identity assignment, not the greedy one',
    gt: [...span(1, 0, 1, 5), ...span(2, 100, 4, 5)],
    pred: [...span(1, 0, 1, 3), ...span(1, 100, 4, 5), ...span(2, 0, 4, 5)],
    expected: {
      numGt: 7, numPred: 7, tp: 7, fp: 0, fn: 0, idSwitches: 1, mota: 6 / 7,
      idtp: 4, idfp: 3, idfn: 3, idf1: 4 / 7, idp: 4 / 7, idr: 4 / 7, mostlyTracked: 2,
    },
  },
  {
    // GT 1 at x=0 in frames 1-4; prediction 1 misses frame 2. Frame 2 is a miss, frame 3 picks the track up
    // again → 1 fragmentation (no switch: same prediction). TP 3, FN 1, MOTA = 1 − 1/4 = 0.75.
    // Identity: IDTP 3, IDFN 1, IDFP 0, IDF1 = 6/(6 + 0 + 1) = 6/7. Matched 3/4 = 75% → PT.
    name: 'a fragmented track',
    gt: span(1, 0, 1, 4),
    pred: [[1, 1, 0], [3, 1, 0], [4, 1, 0]],
    expected: {
      tp: 3, fp: 0, fn: 1, idSwitches: 0, fragmentations: 1, mota: 0.75, recall: 0.75,
      idtp: 3, idfn: 1, idfp: 0, idf1: 6 / 7, mostlyTracked: 0, partiallyTracked: 1, mostlyLost: 0,
    },
  },
  {
    // Three GT ids in frames 1-5 at x = 0, 100, 200. Prediction 1 covers GT 1 in frames 1-4 (4/5 = 80%),
    // prediction 2 covers GT 2 in frame 1 (1/5 = 20%), GT 3 is never covered (0%).
    // MT is ≥ 80% → GT 1; ML is < 20% → GT 3; GT 2 (exactly 20%) is PT.
    // TP 5, FN 15 − 5 = 10, FP 0, MOTA = 1 − 10/15 = 1/3, recall 1/3. IDTP 5, IDFN 10, IDF1 = 10/20 = 0.5.
    name: 'mostly tracked / partially tracked / mostly lost boundaries',
    gt: [...span(1, 0, 1, 5), ...span(2, 100, 1, 5), ...span(3, 200, 1, 5)],
    pred: [...span(1, 0, 1, 4), [1, 2, 100]],
    expected: {
      numGt: 15, tp: 5, fn: 10, fp: 0, mota: 1 / 3, recall: 1 / 3, precision: 1,
      idtp: 5, idfn: 10, idfp: 0, idf1: 0.5, mostlyTracked: 1, partiallyTracked: 1, mostlyLost: 1,
    },
  },
  {
    // No ground truth, two predicted boxes: FP 2. MOTA is TrackEval's (TP − FP − IDs)/max(1, numGt) = −2,
    // recall 0, precision 0/2, IDF1 0.
    name: 'no ground truth',
    gt: [],
    pred: [[1, 1, 0], [2, 1, 0]],
    expected: { numGt: 0, numGtIds: 0, tp: 0, fp: 2, fn: 0, mota: -2, recall: 0, precision: 0, idtp: 0, idfp: 2, idf1: 0 },
  },
];

describe('evaluateMot', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = evaluateMot(tracks(c.gt), tracks(c.pred), { iouThreshold: c.iouThreshold });
      for (const [key, want] of Object.entries(c.expected)) {
        const got = m[key as keyof MotMetrics];
        if (want === null || got === null) assert.equal(got, want, key);
        else assert.ok(Math.abs((got as number) - (want as number)) < 1e-12, `${key}: got ${got}, want ${want}`);
      }
      // Identities that hold whatever the case.
      assert.equal(m.tp + m.fn, m.numGt);
      assert.equal(m.tp + m.fp, m.numPred);
      assert.equal(m.mostlyTracked + m.partiallyTracked + m.mostlyLost, m.numGtIds);
    });
  }

  it('IDTP equals the brute-force best identity assignment on random sequences', () => {
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 16807) % 2147483647) % n);
    for (let trial = 0; trial < 50; trial++) {
      // 4 ground-truth and 5 predicted ids hop between 4 far-apart places over 6 frames, each present
      // two times in three: a pair overlaps (IoU 1) exactly when both are at the same place.
      const gt: number[][] = [];
      const pred: number[][] = [];
      const overlap = Array.from({ length: 4 }, () => new Array<number>(5).fill(0));
      for (let frame = 1; frame <= 6; frame++) {
        const gx = [0, 1, 2, 3].map(() => (rnd(3) ? rnd(4) * 100 : -1));
        const px = [0, 1, 2, 3, 4].map(() => (rnd(3) ? rnd(4) * 100 : -1));
        gx.forEach((x, g) => x >= 0 && gt.push([frame, g, x]));
        px.forEach((x, p) => x >= 0 && pred.push([frame, p, x]));
        gx.forEach((x, g) => px.forEach((y, p) => { if (x >= 0 && x === y) overlap[g][p]++; }));
      }
      const best = (g: number, used: boolean[]): number => {
        if (g === 4) return 0;
        let b = best(g + 1, used); // ground-truth id g left unassigned
        for (let p = 0; p < 5; p++) {
          if (used[p]) continue;
          used[p] = true;
          b = Math.max(b, overlap[g][p] + best(g + 1, used));
          used[p] = false;
        }
        return b;
      };
      assert.equal(evaluateMot(tracks(gt), tracks(pred)).idtp, best(0, new Array(5).fill(false)), `trial ${trial}`);
    }
  });

  it('rejects an IoU threshold outside (0, 1]', () => {
    assert.throws(() => evaluateMot(new Map(), new Map(), { iouThreshold: 0 }), RangeError);
    assert.throws(() => evaluateMot(new Map(), new Map(), { iouThreshold: 1.5 }), RangeError);
  });

  it('an IoU exactly at the threshold matches', () => {
    // GT [0,10]×[0,10], prediction [0,10]×[0,5]: IoU = 50/100 = 0.5 exactly.
    const m = evaluateMot(tracks([[1, 1, 0]]), tracks([[1, 1, 0, 0, 10, 5]]));
    assert.deepEqual([m.tp, m.motpIou], [1, 0.5]);
  });
});
