import { solveAssignment } from '../assignment/solve-assignment';
import { iouAt } from '../nms';
import type { MotRow } from './mot-csv';

/** Options of {@link evaluateMot}. */
export interface EvaluateMotOptions {
  /** A ground-truth box and a predicted box can match only with IoU ≥ this (default 0.5, the MOTChallenge value). */
  iouThreshold?: number;
}

/**
 * CLEAR-MOT (Bernardin & Stiefelhagen 2008) and identity (Ristani et al. 2016) metrics of one
 * sequence, with the names py-motmetrics prints in brackets.
 *
 * Ratios whose denominator is 0 are 0, as TrackEval computes them (`x / max(1, d)`); so an empty
 * prediction has MOTA 0, precision 0 and IDF1 0. MOTP is `null` when nothing matched.
 */
export interface MotMetrics {
  iouThreshold: number;
  /** Frames evaluated: those with a row in either file. */
  numFrames: number;
  /** Ground-truth boxes (kept rows). */
  numGt: number;
  /** Predicted boxes. */
  numPred: number;
  /** Distinct ground-truth ids (py-motmetrics' `GT` column). */
  numGtIds: number;
  /** Distinct predicted ids. */
  numPredIds: number;
  /** Matched pairs, switches included. */
  tp: number;
  /** Predicted boxes left unmatched (`FP`). */
  fp: number;
  /** Ground-truth boxes left unmatched, misses (`FN`). */
  fn: number;
  /** Matches of a ground-truth id to another predicted id than its previous match (`IDs`). */
  idSwitches: number;
  /** Times a ground-truth id is matched again after having been missed since its last match (`FM`). */
  fragmentations: number;
  /** 1 − (FN + FP + IDs) / numGt (`MOTA`). */
  mota: number;
  /** Mean IoU of the matches: TrackEval's MOTP (higher is better); null when nothing matched. */
  motpIou: number | null;
  /** Mean 1 − IoU of the matches: py-motmetrics' MOTP (lower is better); null when nothing matched. */
  motpDistance: number | null;
  /** TP / (TP + FP) (`Prcn`). */
  precision: number;
  /** TP / numGt (`Rcll`). */
  recall: number;
  /** Frames where a ground-truth id and the predicted id assigned to it overlap with IoU ≥ the threshold. */
  idtp: number;
  /** numPred − IDTP. */
  idfp: number;
  /** numGt − IDTP. */
  idfn: number;
  /** 2·IDTP / (2·IDTP + IDFP + IDFN) (`IDF1`). */
  idf1: number;
  /** IDTP / (IDTP + IDFP) (`IDP`). */
  idp: number;
  /** IDTP / (IDTP + IDFN) (`IDR`). */
  idr: number;
  /** Ground-truth ids matched in ≥ 80% of their frames (`MT`). */
  mostlyTracked: number;
  /** Ground-truth ids matched in ≥ 20% and < 80% of their frames (`PT`). */
  partiallyTracked: number;
  /** Ground-truth ids matched in < 20% of their frames (`ML`). */
  mostlyLost: number;
}

/** Tracks keyed by frame, as {@link parseMotCsv} returns them in `frames`. */
export type MotFrames = ReadonlyMap<number, readonly MotRow[]>;

/** TrackEval's division: 0 rather than NaN when nothing was counted. */
const ratio = (num: number, den: number): number => num / Math.max(1, den);

/** Dense indices 0..n-1 for the ids of a file, and each id's number of frames. */
function indexIds(frames: MotFrames): { index: Map<number, number>; frameCounts: number[] } {
  const index = new Map<number, number>();
  const frameCounts: number[] = [];
  for (const rows of frames.values()) {
    for (const row of rows) {
      let i = index.get(row.id);
      if (i === undefined) {
        i = frameCounts.length;
        index.set(row.id, i);
        frameCounts.push(0);
      }
      frameCounts[i]++;
    }
  }
  return { index, frameCounts };
}

/**
 * Evaluates predicted tracks against ground truth, as py-motmetrics (≥ 1.4) and TrackEval do.
 *
 * Per frame (every frame with a row in either file, ascending):
 * 1. A ground-truth id matched in the previous evaluated frame keeps that predicted id when both
 *    are present and still overlap with IoU ≥ threshold (the CLEAR-MOT rule: an established
 *    correspondence is not broken for a slightly better box).
 * 2. The rest are matched by the Hungarian method on cost 1 − IoU over pairs with IoU ≥
 *    threshold, making as many matches as possible and then the cheapest (py-motmetrics forbids
 *    the other pairs rather than charging a cost limit, so it never gives up a match for IoU).
 * 3. A match of a ground-truth id to another predicted id than its last match, however many
 *    frames ago, is an ID switch. Unmatched ground truth is a miss, unmatched predictions FP.
 *
 * Identity metrics assign ground-truth ids to predicted ids once for the whole sequence, the
 * assignment maximising IDTP (the number of frames where the pair overlaps with IoU ≥ threshold,
 * whether or not CLEAR-MOT matched them); ids left unassigned count all their boxes as IDFN/IDFP.
 * This is py-motmetrics' cost matrix with virtual ids, solved in its equivalent form.
 *
 * Differences from the references, all in corner cases: MT is ≥ 80% (py-motmetrics; TrackEval
 * uses > 80%); a frame without the ground-truth id breaks the "keep previous match" chain
 * (py-motmetrics; TrackEval keeps it across frames without any ground truth or prediction).
 * No class or distractor preprocessing: filter the files first (see `parseMotCsv`'s consider flag).
 *
 * @example
 * const gt = parseMotCsv('1,1,0,0,10,10,1\n2,1,0,0,10,10,1\n', 'gt.txt', { groundTruth: true }).frames;
 * const pred = parseMotCsv('1,5,0,0,10,10,0.9\n2,6,0,0,10,10,0.9\n', 'pred.txt').frames;
 * const m = evaluateMot(gt, pred);
 * m.idSwitches // → 1
 * m.mota       // → 0.5 (1 − 1/2)
 * m.idf1       // → 0.5 (IDTP 1 of 2 boxes each side)
 */
export function evaluateMot(gt: MotFrames, pred: MotFrames, options: EvaluateMotOptions = {}): MotMetrics {
  const iouThreshold = options.iouThreshold ?? 0.5;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new RangeError(`iouThreshold must be in (0, 1], got ${iouThreshold}`);
  // IoU exactly at the threshold matches even after rounding (TrackEval subtracts machine epsilon too).
  const minIou = iouThreshold - Number.EPSILON;

  const gtIds = indexIds(gt);
  const predIds = indexIds(pred);
  const numGtIds = gtIds.frameCounts.length;
  const numPredIds = predIds.frameCounts.length;

  // Per ground-truth id: its last matched predicted id (any frame before), whether it was matched
  // in the previous evaluated frame, and whether its last appearance was a match (fragments).
  const lastMatch = new Int32Array(numGtIds).fill(-1);
  const matchedInPreviousFrame = new Uint8Array(numGtIds);
  let matchedPreviousList: number[] = [];
  const lastAppearanceMatched = new Uint8Array(numGtIds);
  const matchedFrames = new Int32Array(numGtIds);
  // Frames each (gt id, pred id) pair overlaps enough, for IDTP: key gtIndex * numPredIds + predIndex.
  const overlapFrames = new Map<number, number>();

  let numGt = 0;
  let numPred = 0;
  let tp = 0;
  let idSwitches = 0;
  let fragmentations = 0;
  let iouSum = 0;
  const boxes = new Float64Array(8);

  const frameNumbers = [...new Set([...gt.keys(), ...pred.keys()])].sort((a, b) => a - b);
  for (const frame of frameNumbers) {
    const g = gt.get(frame) ?? [];
    const p = pred.get(frame) ?? [];
    numGt += g.length;
    numPred += p.length;
    const gi = g.map((r) => gtIds.index.get(r.id)!);
    const pi = p.map((r) => predIds.index.get(r.id)!);

    // IoU of every pair that may match; -1 for the others.
    const iou = new Float64Array(g.length * p.length).fill(-1);
    for (let a = 0; a < g.length; a++) {
      boxes[0] = g[a].x; boxes[1] = g[a].y; boxes[2] = g[a].x + g[a].w; boxes[3] = g[a].y + g[a].h;
      for (let b = 0; b < p.length; b++) {
        boxes[4] = p[b].x; boxes[5] = p[b].y; boxes[6] = p[b].x + p[b].w; boxes[7] = p[b].y + p[b].h;
        const v = iouAt(boxes, 0, 1);
        if (v < minIou) continue;
        iou[a * p.length + b] = v;
        const key = gi[a] * numPredIds + pi[b];
        overlapFrames.set(key, (overlapFrames.get(key) ?? 0) + 1);
      }
    }

    const gtToPred = new Int32Array(g.length).fill(-1);
    const predTaken = new Uint8Array(p.length);
    // 1. Keep last frame's correspondences that still hold.
    for (let a = 0; a < g.length; a++) {
      if (!matchedInPreviousFrame[gi[a]]) continue;
      const b = pi.indexOf(lastMatch[gi[a]]);
      if (b < 0 || iou[a * p.length + b] < 0) continue;
      gtToPred[a] = b;
      predTaken[b] = 1;
      tp++;
      iouSum += iou[a * p.length + b];
    }
    // 2. Hungarian on what is left.
    const rows: number[] = [];
    const cols: number[] = [];
    for (let a = 0; a < g.length; a++) if (gtToPred[a] < 0) rows.push(a);
    for (let b = 0; b < p.length; b++) if (!predTaken[b]) cols.push(b);
    if (rows.length && cols.length) {
      const cost = new Float64Array(rows.length * cols.length);
      for (let r = 0; r < rows.length; r++) {
        for (let c = 0; c < cols.length; c++) {
          const v = iou[rows[r] * p.length + cols[c]];
          cost[r * cols.length + c] = v < 0 ? Infinity : 1 - v;
        }
      }
      // No maxCost: forbidden pairs are Infinity, so the most matches are made, then the cheapest.
      const { rowToCol } = solveAssignment(cost, rows.length, cols.length);
      for (let r = 0; r < rows.length; r++) {
        if (rowToCol[r] < 0) continue;
        const a = rows[r];
        const b = cols[rowToCol[r]];
        gtToPred[a] = b;
        tp++;
        iouSum += iou[a * p.length + b];
        if (lastMatch[gi[a]] >= 0 && lastMatch[gi[a]] !== pi[b]) idSwitches++;
      }
    }

    // 3. Bookkeeping for the next frame.
    for (const k of matchedPreviousList) matchedInPreviousFrame[k] = 0;
    matchedPreviousList = [];
    for (let a = 0; a < g.length; a++) {
      const k = gi[a];
      if (gtToPred[a] < 0) {
        lastAppearanceMatched[k] = 0;
        continue;
      }
      if (lastMatch[k] >= 0 && !lastAppearanceMatched[k]) fragmentations++;
      lastMatch[k] = pi[gtToPred[a]];
      lastAppearanceMatched[k] = 1;
      matchedInPreviousFrame[k] = 1;
      matchedPreviousList.push(k);
      matchedFrames[k]++;
    }
  }

  const idtp = identityTruePositives(overlapFrames, numPredIds);
  const fp = numPred - tp;
  const fn = numGt - tp;
  let mostlyTracked = 0;
  let mostlyLost = 0;
  for (let k = 0; k < numGtIds; k++) {
    const trackedRatio = matchedFrames[k] / gtIds.frameCounts[k];
    if (trackedRatio >= 0.8) mostlyTracked++;
    else if (trackedRatio < 0.2) mostlyLost++;
  }
  const idfp = numPred - idtp;
  const idfn = numGt - idtp;
  return {
    iouThreshold,
    numFrames: frameNumbers.length,
    numGt,
    numPred,
    numGtIds,
    numPredIds,
    tp,
    fp,
    fn,
    idSwitches,
    fragmentations,
    // TrackEval's form: equal to 1 − (FN + FP + IDs) / numGt, and −FP rather than −∞ without ground truth.
    mota: ratio(tp - fp - idSwitches, numGt),
    motpIou: tp > 0 ? iouSum / tp : null,
    motpDistance: tp > 0 ? 1 - iouSum / tp : null,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, numGt),
    idtp,
    idfp,
    idfn,
    idf1: ratio(2 * idtp, 2 * idtp + idfp + idfn),
    idp: ratio(idtp, idtp + idfp),
    idr: ratio(idtp, idtp + idfn),
    mostlyTracked,
    partiallyTracked: numGtIds - mostlyTracked - mostlyLost,
    mostlyLost,
  };
}

/**
 * The largest total overlap count of a one-to-one assignment of ground-truth ids to predicted
 * ids. py-motmetrics minimises IDFP + IDFN over a matrix padded with virtual ids; since
 * IDFP + IDFN = numPred + numGt − 2·IDTP, that is the same as maximising IDTP, solved here on
 * cost −overlap. Ids that never overlap anything cannot change the optimum and are left out, and
 * each connected group of overlapping ids is solved on its own: the optimum is the sum of theirs,
 * and O(n³) on a few small groups beats one matrix of every id of a long sequence.
 */
function identityTruePositives(overlapFrames: ReadonlyMap<number, number>, numPredIds: number): number {
  // Union-find over ground-truth ids (0..) and predicted ids (offset past every ground-truth key).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root)! !== root) root = parent.get(root)!;
    while (x !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const predNode = (p: number): number => -1 - p; // negative, so never equal to a ground-truth index
  for (const key of overlapFrames.keys()) {
    const g = Math.floor(key / numPredIds);
    const p = predNode(key % numPredIds);
    if (!parent.has(g)) parent.set(g, g);
    if (!parent.has(p)) parent.set(p, p);
    const rg = find(g);
    const rp = find(p);
    if (rg !== rp) parent.set(rg, rp);
  }
  const groups = new Map<number, { rows: Map<number, number>; cols: Map<number, number>; edges: [number, number, number][] }>();
  for (const [key, frames] of overlapFrames) {
    const g = Math.floor(key / numPredIds);
    const p = key % numPredIds;
    const root = find(g);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { rows: new Map(), cols: new Map(), edges: [] }));
    if (!group.rows.has(g)) group.rows.set(g, group.rows.size);
    if (!group.cols.has(p)) group.cols.set(p, group.cols.size);
    group.edges.push([group.rows.get(g)!, group.cols.get(p)!, frames]);
  }
  let idtp = 0;
  for (const { rows, cols, edges } of groups.values()) {
    const cost = new Float64Array(rows.size * cols.size); // 0: a pair that never overlaps gains nothing
    for (const [r, c, frames] of edges) cost[r * cols.size + c] = -frames;
    // Without maxCost every row or column is paired; zero-cost pairs are harmless and add nothing.
    const { rowToCol } = solveAssignment(cost, rows.size, cols.size);
    for (let r = 0; r < rows.size; r++) if (rowToCol[r] >= 0) idtp -= cost[r * cols.size + rowToCol[r]];
  }
  return idtp;
}
