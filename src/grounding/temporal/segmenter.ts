/** A box `[x0, y0, x1, y1]` in source-frame pixels (pixel-corner convention). */
export type Xyxy = [number, number, number, number];

/** Options of {@link createSegmenter}; every value is media time in seconds and must be finite and ≥ 0. */
export interface SegmentOptions {
  /**
   * An open segment closes once its key has not been seen for longer than this (media time between
   * its last sighting and the current frame). Default 1.0: bridges short occlusions and missed
   * detections without merging separate visits.
   */
  maxGapSec: number;
  /**
   * A segment shorter than this is never reported: its `new` event waits until it has lasted this
   * long (last sighting − first sighting), and one that closes sooner is dropped silently. Default
   * 0.5: filters one-frame false positives.
   */
  minDurationSec: number;
  /**
   * At most one `update` per segment per this much media time (counted from its last `new` or
   * `update`); 0 = every frame the segment is seen. Default 1.0.
   */
  updateEverySec: number;
}

/** The defaults of {@link SegmentOptions}. */
export const DEFAULT_SEGMENT_OPTIONS: Readonly<SegmentOptions> = Object.freeze({ maxGapSec: 1.0, minDurationSec: 0.5, updateEverySec: 1.0 });

/** The frame an observation belongs to. */
export interface SegmentFrame {
  index: number;
  ptsSec: number;
  width: number;
  height: number;
}

/** One sighting of a segment key in a frame (a tracked object, or one match of a query phrase). */
export interface SegmentObservation {
  /** What a segment follows, e.g. `track:4` or `phrase:person`. */
  key: string;
  /** Track identity; 0 for phrase segments. */
  trackId: number;
  label: string;
  phrase: string;
  /** Box in source pixels; copied, so a view into a Detections' `xyxy` (`subarray(4i, 4i + 4)`) is fine. */
  xyxy: Readonly<Xyxy> | ArrayLike<number>;
  score: number;
  /** Region of this sighting in the frame's event. */
  regionId: string;
}

/** A time span during which one key was in view. Plain serialisable data. */
export interface Segment {
  /** `${key}#${n}`, n counting the reported segments of that key from 1; stable for the segment's life. */
  segmentId: string;
  key: string;
  /** Track, label and phrase of the best-scored sighting so far. */
  trackId: number;
  label: string;
  phrase: string;
  /** Media time of the first sighting (seconds, 3 decimals). */
  startSec: number;
  /** Media time of the last sighting (seconds, 3 decimals). */
  endSec: number;
  startFrameIndex: number;
  endFrameIndex: number;
  /** Frames in which the key was seen. */
  frames: number;
  bestScore: number;
  bestFrameIndex: number;
  bestSec: number;
  bestXyxy: Xyxy;
  firstXyxy: Xyxy;
  lastXyxy: Xyxy;
  /** Size of the last frame the key was seen in. */
  frameWidth: number;
  frameHeight: number;
  /** Region of the best-scored sighting. */
  regionId: string;
}

/** `new` when a segment is first reported, `update` while it goes on, `end` when it closes. */
export type SegmentLifecycle = 'new' | 'update' | 'end';

/** A change to a segment; `segment` is a snapshot, never mutated afterwards. */
export interface SegmentEvent {
  lifecycle: SegmentLifecycle;
  segment: Segment;
}

/** Turns per-frame sightings into segments; see {@link createSegmenter}. */
export interface Segmenter {
  readonly options: Readonly<SegmentOptions>;
  /** Feeds one frame (with no observations when nothing was seen) and returns the resulting events. */
  observe(frame: SegmentFrame, observations: readonly SegmentObservation[]): SegmentEvent[];
  /** Closes every open segment (end of stream, or a gap in a live source). */
  flush(): SegmentEvent[];
}

// Media times are sums and differences of decoded timestamps (e.g. 3.9 − 2.9 ≠ 1 exactly); compare
// them with a microsecond of slack so a gap of exactly maxGapSec does not close a segment by accident.
const EPS_SEC = 1e-6;

interface OpenSegment extends Omit<Segment, 'segmentId'> {
  segmentId: string | undefined; // set when `new` is emitted
  lastEmitSec: number;
}

/**
 * Creates a segmenter: feed it every frame in media order with the sightings of that frame; it reports
 * when each key (a track, a phrase) comes into view (`new`), while it stays (`update`, throttled) and
 * when it has gone (`end`).
 *
 * Rules:
 * - Several sightings of one key in a frame (a phrase matching several people) count as one: the
 *   best score is the frame's score, and its box, region, label and phrase are kept.
 * - A segment stays open while its key is seen again within `maxGapSec`; at a frame where the key is
 *   absent and the last sighting is more than `maxGapSec` earlier, it closes (`end`, `endSec` = last
 *   sighting). Only frames count as evidence of absence: a stretch without frames (sparse sampling,
 *   dropped frames) does not close anything; the pipeline calls {@link Segmenter.flush} on a source gap.
 * - `new` is emitted once the segment has lasted `minDurationSec`; shorter segments vanish silently.
 * - Media time must not go back. If it does (a live source rebased its clock), every open segment is
 *   closed first, as by `flush`, and the frame starts afresh.
 * - Events of one call: `end`s, then `new`s, then `update`s, each group ordered by `segmentId`.
 *
 * All state lives in the returned instance.
 *
 * @example
 * const seg = createSegmenter({ maxGapSec: 1, minDurationSec: 0.5 });
 * for (const frame of frames) {
 *   const events = seg.observe(frame, [{ key: 'track:4', trackId: 4, label: 'person', phrase: 'person', xyxy: [10, 20, 50, 120], score: 0.9, regionId: 'r1' }]);
 *   // events: [] … then [{ lifecycle: 'new', segment: { segmentId: 'track:4#1', … } }] once it has lasted 0.5 s
 * }
 * seg.flush(); // [{ lifecycle: 'end', … }]
 */
export function createSegmenter(options: Partial<SegmentOptions> = {}): Segmenter {
  const opts: Readonly<SegmentOptions> = Object.freeze(validateOptions({ ...DEFAULT_SEGMENT_OPTIONS, ...definedOnly(options) }));
  const open = new Map<string, OpenSegment>();
  const reportedPerKey = new Map<string, number>();
  let lastPtsSec: number | undefined;

  function closeAll(): SegmentEvent[] {
    const ends: SegmentEvent[] = [];
    for (const seg of open.values()) if (seg.segmentId !== undefined) ends.push({ lifecycle: 'end', segment: snapshot(seg) });
    open.clear();
    return sortById(ends);
  }

  return {
    options: opts,
    observe(frame, observations) {
      validateFrame(frame);
      const ptsSec = frame.ptsSec;
      const ends: SegmentEvent[] = [];
      const news: SegmentEvent[] = [];
      const updates: SegmentEvent[] = [];
      if (lastPtsSec !== undefined && ptsSec < lastPtsSec) ends.push(...closeAll());
      lastPtsSec = ptsSec;

      const seen = bestPerKey(observations);
      for (const [key, seg] of open) {
        if (seen.has(key) || ptsSec - seg.endSec <= opts.maxGapSec + EPS_SEC) continue;
        open.delete(key);
        if (seg.segmentId !== undefined) ends.push({ lifecycle: 'end', segment: snapshot(seg) });
      }

      for (const [key, obs] of seen) {
        let seg = open.get(key);
        if (seg === undefined) {
          seg = startSegment(frame, obs);
          open.set(key, seg);
        } else {
          extendSegment(seg, frame, obs);
        }
        if (seg.segmentId === undefined) {
          if (seg.endSec - seg.startSec >= opts.minDurationSec - EPS_SEC) {
            const n = (reportedPerKey.get(key) ?? 0) + 1;
            reportedPerKey.set(key, n);
            seg.segmentId = `${key}#${n}`;
            seg.lastEmitSec = ptsSec;
            news.push({ lifecycle: 'new', segment: snapshot(seg) });
          }
        } else if (ptsSec - seg.lastEmitSec >= opts.updateEverySec - EPS_SEC) {
          seg.lastEmitSec = ptsSec;
          updates.push({ lifecycle: 'update', segment: snapshot(seg) });
        }
      }
      return [...sortById(ends), ...sortById(news), ...sortById(updates)];
    },
    flush() {
      return closeAll();
    },
  };
}

function definedOnly(options: Partial<SegmentOptions>): Partial<SegmentOptions> {
  const out: Partial<SegmentOptions> = {};
  for (const k of ['maxGapSec', 'minDurationSec', 'updateEverySec'] as const) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

function validateOptions(o: SegmentOptions): SegmentOptions {
  for (const k of ['maxGapSec', 'minDurationSec', 'updateEverySec'] as const) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${k} must be a finite number ≥ 0, got ${String(v)}`);
  }
  return o;
}

function validateFrame(frame: SegmentFrame): void {
  if (!Number.isFinite(frame.ptsSec)) throw new RangeError(`frame ${frame.index}: ptsSec must be finite, got ${frame.ptsSec}`);
}

function validateObservation(o: SegmentObservation): void {
  if (typeof o.key !== 'string' || o.key === '') throw new RangeError('observation key must be a non-empty string');
  const b = o.xyxy;
  if (b.length !== 4 || !Number.isFinite(b[0]) || !Number.isFinite(b[1]) || !Number.isFinite(b[2]) || !Number.isFinite(b[3])) throw new RangeError(`observation ${o.key}: xyxy must be 4 finite numbers`);
  if (!Number.isFinite(o.score)) throw new RangeError(`observation ${o.key}: score must be finite, got ${o.score}`);
}

/** The best-scored observation per key; ties keep the first. Map order = first appearance. */
function bestPerKey(observations: readonly SegmentObservation[]): Map<string, SegmentObservation> {
  const best = new Map<string, SegmentObservation>();
  for (const o of observations) {
    validateObservation(o);
    const cur = best.get(o.key);
    if (cur === undefined || o.score > cur.score) best.set(o.key, o);
  }
  return best;
}

function boxOf(o: SegmentObservation): Xyxy {
  return [o.xyxy[0], o.xyxy[1], o.xyxy[2], o.xyxy[3]];
}

function startSegment(frame: SegmentFrame, o: SegmentObservation): OpenSegment {
  const box = boxOf(o);
  return {
    segmentId: undefined,
    key: o.key,
    trackId: o.trackId,
    label: o.label,
    phrase: o.phrase,
    startSec: frame.ptsSec,
    endSec: frame.ptsSec,
    startFrameIndex: frame.index,
    endFrameIndex: frame.index,
    frames: 1,
    bestScore: o.score,
    bestFrameIndex: frame.index,
    bestSec: frame.ptsSec,
    bestXyxy: box,
    firstXyxy: box,
    lastXyxy: box,
    frameWidth: frame.width,
    frameHeight: frame.height,
    regionId: o.regionId,
    lastEmitSec: frame.ptsSec,
  };
}

function extendSegment(seg: OpenSegment, frame: SegmentFrame, o: SegmentObservation): void {
  const box = boxOf(o);
  seg.endSec = frame.ptsSec;
  seg.endFrameIndex = frame.index;
  seg.frames += 1;
  seg.lastXyxy = box;
  seg.frameWidth = frame.width;
  seg.frameHeight = frame.height;
  if (o.score > seg.bestScore) {
    seg.bestScore = o.score;
    seg.bestFrameIndex = frame.index;
    seg.bestSec = frame.ptsSec;
    seg.bestXyxy = box;
    seg.regionId = o.regionId;
    seg.trackId = o.trackId;
    seg.label = o.label;
    seg.phrase = o.phrase;
  }
}

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f + 0; // + 0 turns -0 into 0
};
const roundSec = (sec: number): number => round(sec, 3);
// Boxes arrive from Float32Arrays (10.300000190734863): 2 decimals of a pixel are plenty.
const roundBox = (b: Xyxy): Xyxy => [round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2)];

function snapshot(seg: OpenSegment): Segment {
  return {
    segmentId: seg.segmentId as string,
    key: seg.key,
    trackId: seg.trackId,
    label: seg.label,
    phrase: seg.phrase,
    startSec: roundSec(seg.startSec),
    endSec: roundSec(seg.endSec),
    startFrameIndex: seg.startFrameIndex,
    endFrameIndex: seg.endFrameIndex,
    frames: seg.frames,
    bestScore: round(seg.bestScore, 4),
    bestFrameIndex: seg.bestFrameIndex,
    bestSec: roundSec(seg.bestSec),
    bestXyxy: roundBox(seg.bestXyxy),
    firstXyxy: roundBox(seg.firstXyxy),
    lastXyxy: roundBox(seg.lastXyxy),
    frameWidth: seg.frameWidth,
    frameHeight: seg.frameHeight,
    regionId: seg.regionId,
  };
}

// Code-unit order, not locale order: the same input gives the same output on every machine.
function sortById(events: SegmentEvent[]): SegmentEvent[] {
  return events.sort((a, b) => (a.segment.segmentId < b.segment.segmentId ? -1 : a.segment.segmentId > b.segment.segmentId ? 1 : 0));
}
