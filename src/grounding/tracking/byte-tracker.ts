import type { Detections } from '../../core/detections';
import { solveAssignment } from '../assignment/solve-assignment';
import { iouAt } from '../nms';
import {
  DEFAULT_KALMAN_WEIGHTS,
  initiateKalmanBox,
  predictKalmanBox,
  stateToXyxy,
  updateKalmanBox,
  xyxyToMeasurement,
  type KalmanBoxState,
} from './kalman-box-filter';

/** Options of {@link createByteTracker}. Defaults follow ByteTrack's MOT17 settings. */
export interface ByteTrackOptions {
  /** Detections scoring at least this take part in the first association. Default 0.5 (`track_thresh`). */
  highScore: number;
  /** Detections in `[lowScore, highScore)` may only continue tracks seen in the previous frame; below it they are ignored. Default 0.1. */
  lowScore: number;
  /**
   * An unmatched high detection starts a new (tentative) track only at or above this. Default 0.6
   * (`track_thresh + 0.1`); values below `highScore` act as `highScore`.
   */
  newTrackScore: number;
  /** Least IoU of a first-stage pair (high detections vs confirmed and lost tracks). Default 0.2 (`match_thresh` 0.8 as a cost). */
  matchIou: number;
  /** Least IoU of a second-stage pair (low detections vs tracks seen in the previous frame). Default 0.5. */
  lowMatchIou: number;
  /** Least IoU between a tentative track and a remaining high detection. Default 0.3. */
  unconfirmedMatchIou: number;
  /**
   * A track is confirmed, and gets its id, on its `minHits`-th hit in consecutive frames; one miss
   * before that drops it. Default 3. The first frame of a stream is no exception (ByteTrack confirms
   * there at once): ids are predictable, and `1` gives immediate ids everywhere.
   */
  minHits: number;
  /** A confirmed track may go unmatched for up to this many frames in a row and still be re-found; the next miss ends it. Default 30 (`track_buffer`). */
  maxMisses: number;
  /** Detections only match tracks of the same `classId`. Ids are unique across classes either way. Default true. */
  perClass: boolean;
  /** Weigh IoU by the detection score (ByteTrack's `fuse_score`) in the first and tentative associations. Default false. */
  fuseScore: boolean;
}

/** Defaults of {@link ByteTrackOptions}. */
export const DEFAULT_BYTE_TRACK_OPTIONS: Readonly<ByteTrackOptions> = Object.freeze({
  highScore: 0.5,
  lowScore: 0.1,
  newTrackScore: 0.6,
  matchIou: 0.2,
  lowMatchIou: 0.5,
  unconfirmedMatchIou: 0.3,
  minHits: 3,
  maxMisses: 30,
  perClass: true,
  fuseScore: false,
});

/** A snapshot of one confirmed track. */
export interface TrackState {
  /** Positive, unique within the tracker, never reused. */
  trackId: number;
  classId: number;
  label: string;
  /** Kalman estimate (for tracks listed in `tracks`) or last matched estimate (for ended ones), xyxy pixels. */
  xyxy: [number, number, number, number];
  /** Score of the last matched detection. */
  score: number;
  /** Frames the track was matched in. */
  hits: number;
  /** Frames in a row the track has gone unmatched (0 when matched in this update). */
  misses: number;
  /** Frames since the track started, counting the one it started in. */
  age: number;
  /** Index of the detection matched in this update, or -1. */
  detectionIndex: number;
}

/** Result of {@link ByteTracker.update}. */
export interface TrackUpdate {
  /** The input detections, same order and length, with `trackId` set (0 when unmatched or tentative). The input is not changed. */
  detections: Detections;
  /** Confirmed tracks alive after this update, by id; `misses > 0` marks tracks not seen in this frame. */
  tracks: TrackState[];
  /** Confirmed tracks removed in this update (more than `maxMisses` misses in a row), with their last matched box. */
  ended: TrackState[];
}

/** A ByteTrack multi-object tracker over the frames of one stream. */
export interface ByteTracker {
  /** Associates one frame's detections with the tracks. */
  update(dets: Detections): TrackUpdate;
  /** Ends every track (e.g. after a gap in a live source) and returns the confirmed ones; ids keep increasing. */
  reset(): TrackState[];
  /** Frames given to {@link ByteTracker.update} so far (not cleared by `reset`). */
  readonly frameCount: number;
}

interface Track {
  /** 0 while tentative. */
  id: number;
  classId: number;
  label: string;
  kf: KalmanBoxState;
  /** Current estimate, refreshed after each predict and update. */
  box: Float64Array;
  /** Estimate right after the last match: what `ended` reports. */
  lastBox: Float64Array;
  score: number;
  hits: number;
  misses: number;
  age: number;
  detIndex: number;
}

const SCORE_KEYS = ['highScore', 'lowScore', 'newTrackScore'] as const;
const IOU_KEYS = ['matchIou', 'lowMatchIou', 'unconfirmedMatchIou'] as const;

function resolveOptions(options: Partial<ByteTrackOptions>): ByteTrackOptions {
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULT_BYTE_TRACK_OPTIONS)) throw new RangeError(`unknown ByteTrack option '${key}'`);
  }
  const o: ByteTrackOptions = { ...DEFAULT_BYTE_TRACK_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (o as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of SCORE_KEYS) {
    const v = o[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`${key} must be a number in [0, 1], got ${String(v)}`);
  }
  if (o.lowScore > o.highScore) throw new RangeError(`lowScore (${o.lowScore}) must not exceed highScore (${o.highScore})`);
  for (const key of IOU_KEYS) {
    const v = o[key];
    // IoU 0 would pair boxes that do not overlap at all.
    if (typeof v !== 'number' || !(v > 0 && v <= 1)) throw new RangeError(`${key} must be a number in (0, 1], got ${String(v)}`);
  }
  if (!Number.isInteger(o.minHits) || o.minHits < 1) throw new RangeError(`minHits must be an integer >= 1, got ${String(o.minHits)}`);
  if (!Number.isInteger(o.maxMisses) || o.maxMisses < 0) throw new RangeError(`maxMisses must be an integer >= 0, got ${String(o.maxMisses)}`);
  for (const key of ['perClass', 'fuseScore'] as const) {
    if (typeof o[key] !== 'boolean') throw new RangeError(`${key} must be a boolean, got ${String(o[key])}`);
  }
  return o;
}

function snapshot(t: Track, box: Float64Array): TrackState {
  return {
    trackId: t.id,
    classId: t.classId,
    label: t.label,
    xyxy: [box[0], box[1], box[2], box[3]],
    score: t.score,
    hits: t.hits,
    misses: t.misses,
    age: t.age,
    detectionIndex: t.detIndex,
  };
}

/**
 * Creates a ByteTrack tracker (Zhang et al., 2022): high-score detections are matched to confirmed
 * and lost tracks first, then low-score ones rescue tracks seen in the previous frame (occluded
 * objects score low), then tentative tracks take what is left; boxes move with a constant-velocity
 * Kalman filter. Assignments use the Hungarian solver on 1 − IoU with a cost limit.
 *
 * Detections with a NaN score or a box that is not finite with positive width and height are
 * ignored (trackId 0).
 *
 * @example
 * const tracker = createByteTracker({ minHits: 1 });
 * const { detections, tracks } = tracker.update(dets);
 * detections.trackId; // Int32Array: confirmed track id per detection, 0 for none
 * tracks[0]; // { trackId: 1, classId, label, xyxy, score, hits: 1, misses: 0, age: 1, detectionIndex }
 */
export function createByteTracker(options: Partial<ByteTrackOptions> = {}): ByteTracker {
  const o = resolveOptions(options);
  const weights = DEFAULT_KALMAN_WEIGHTS;
  /** Confirmed tracks, tracked or lost, in id order. */
  let confirmed: Track[] = [];
  let tentative: Track[] = [];
  let nextId = 1;
  let frameCount = 0;
  const measurement = new Float64Array(4);

  /**
   * Pairs tracks with detections by least total cost (1 − IoU, or 1 − IoU·score when fused)
   * where IoU ≥ `minIou`. Returns the detection index per track (-1 when none).
   */
  function associate(tracks: readonly Track[], detIdx: readonly number[], dets: Detections, minIou: number, fuse: boolean): Int32Array {
    const T = tracks.length;
    const D = detIdx.length;
    if (T === 0 || D === 0) return new Int32Array(T).fill(-1);
    // iouAt compares boxes of one flat array: tracks first, then detections.
    const boxes = new Float64Array((T + D) * 4);
    for (let t = 0; t < T; t++) boxes.set(tracks[t].box, t * 4);
    for (let d = 0; d < D; d++) boxes.set(dets.xyxy.subarray(detIdx[d] * 4, detIdx[d] * 4 + 4), (T + d) * 4);
    const maxCost = 1 - minIou;
    const cost = new Float64Array(T * D);
    for (let t = 0; t < T; t++) {
      for (let d = 0; d < D; d++) {
        const i = detIdx[d];
        if (o.perClass && dets.classId[i] !== tracks[t].classId) {
          cost[t * D + d] = Infinity;
          continue;
        }
        const iou = iouAt(boxes, t, T + d);
        const c = 1 - (fuse ? iou * dets.score[i] : iou);
        cost[t * D + d] = iou > 0 && c <= maxCost ? c : Infinity;
      }
    }
    const { rowToCol } = solveAssignment(cost, T, D, { maxCost });
    const out = new Int32Array(T);
    for (let t = 0; t < T; t++) out[t] = rowToCol[t] < 0 ? -1 : detIdx[rowToCol[t]];
    return out;
  }

  function apply(t: Track, dets: Detections, i: number): void {
    updateKalmanBox(t.kf, xyxyToMeasurement(dets.xyxy, i, measurement), weights);
    stateToXyxy(t.kf, t.box);
    t.lastBox.set(t.box);
    t.score = dets.score[i];
    t.classId = dets.classId[i];
    t.label = dets.label[i];
    t.hits++;
    t.misses = 0;
    t.detIndex = i;
  }

  function update(dets: Detections): TrackUpdate {
    frameCount++;
    const n = dets.score.length;
    const trackId = new Int32Array(n);
    const high: number[] = [];
    const low: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = dets.score[i];
      const x1 = dets.xyxy[i * 4];
      const y1 = dets.xyxy[i * 4 + 1];
      const x2 = dets.xyxy[i * 4 + 2];
      const y2 = dets.xyxy[i * 4 + 3];
      if (!(Number.isFinite(x1) && Number.isFinite(y1) && x2 - x1 > 0 && y2 - y1 > 0 && Number.isFinite(x2) && Number.isFinite(y2))) continue;
      if (s >= o.highScore) high.push(i);
      else if (s >= o.lowScore) low.push(i);
    }

    // Tracked in the previous frame: only these may take low-score detections.
    const wasTracked = new Set<Track>();
    for (const t of confirmed) if (t.misses === 0) wasTracked.add(t);
    for (const t of [...confirmed, ...tentative]) {
      // A lost track's height velocity is zeroed, as ByteTrack does, so it does not shrink or grow unseen.
      if (t.misses > 0) t.kf.mean[7] = 0;
      predictKalmanBox(t.kf, weights);
      stateToXyxy(t.kf, t.box);
      t.age++;
      t.detIndex = -1;
    }

    const used = new Uint8Array(n);
    const matched = new Set<Track>();
    const take = (tracks: readonly Track[], detOf: Int32Array): void => {
      for (let k = 0; k < tracks.length; k++) {
        const i = detOf[k];
        if (i < 0) continue;
        apply(tracks[k], dets, i);
        used[i] = 1;
        matched.add(tracks[k]);
      }
    };

    // Stage 1: high detections vs confirmed tracks, tracked or lost.
    take(confirmed, associate(confirmed, high, dets, o.matchIou, o.fuseScore));
    // Stage 2: low detections vs tracks seen last frame and still unmatched.
    const rest = confirmed.filter((t) => !matched.has(t) && wasTracked.has(t));
    take(rest, associate(rest, low, dets, o.lowMatchIou, false));
    // Stage 3: tentative tracks vs the high detections left over.
    const highLeft = high.filter((i) => !used[i]);
    take(tentative, associate(tentative, highLeft, dets, o.unconfirmedMatchIou, o.fuseScore));

    // A tentative track needs consecutive hits: one miss drops it.
    const stillTentative: Track[] = [];
    for (const t of tentative) {
      if (!matched.has(t)) continue;
      if (t.hits >= o.minHits) {
        t.id = nextId++;
        confirmed.push(t);
      } else {
        stillTentative.push(t);
      }
    }
    tentative = stillTentative;

    for (const i of highLeft) {
      if (used[i] || dets.score[i] < o.newTrackScore) continue;
      const kf = initiateKalmanBox(xyxyToMeasurement(dets.xyxy, i), weights);
      const box = stateToXyxy(kf);
      const t: Track = {
        id: 0,
        classId: dets.classId[i],
        label: dets.label[i],
        kf,
        box,
        lastBox: Float64Array.from(box),
        score: dets.score[i],
        hits: 1,
        misses: 0,
        age: 1,
        detIndex: i,
      };
      used[i] = 1;
      if (o.minHits <= 1) {
        t.id = nextId++;
        confirmed.push(t);
      } else {
        tentative.push(t);
      }
    }

    const ended: TrackState[] = [];
    const alive: Track[] = [];
    for (const t of confirmed) {
      if (t.detIndex < 0) t.misses++;
      if (t.misses > o.maxMisses) ended.push(snapshot(t, t.lastBox));
      else alive.push(t);
    }
    confirmed = alive;

    const tracks: TrackState[] = [];
    for (const t of confirmed) {
      if (t.detIndex >= 0) trackId[t.detIndex] = t.id;
      tracks.push(snapshot(t, t.box));
    }
    return { detections: { ...dets, trackId }, tracks, ended };
  }

  function reset(): TrackState[] {
    const ended = confirmed.map((t) => ({ ...snapshot(t, t.lastBox), detectionIndex: -1 }));
    confirmed = [];
    tentative = [];
    return ended;
  }

  return {
    update,
    reset,
    get frameCount() {
      return frameCount;
    },
  };
}
