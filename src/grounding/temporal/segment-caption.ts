import type { Caption } from '../../core/events';
import { formatMediaTime } from './format-media-time';
import type { Segment, Xyxy } from './segmenter';

/** Options of {@link toSegmentCaption}. */
export interface SegmentCaptionOptions {
  /** Media time of the stream's first frame: a segment starting there "is in view from the start". */
  mediaStartSec?: number;
  /** Media time of the stream's last frame: a segment ending there "is still in view at the end". */
  mediaEndSec?: number;
  /**
   * A box within this share of the frame's width (left/right) or height (top/bottom) of an edge
   * touches it: the object came in or went out that way. Default 0.05; must be in [0, 0.5).
   */
  edgeFraction?: number;
}

/** A side of the frame. */
export type FrameEdge = 'left' | 'right' | 'top' | 'bottom';

// Segment times are rounded to milliseconds; the media bounds may not be.
const SAME_TIME_SEC = 1e-3;

/**
 * One sentence about a segment, whose span covers the subject and points at the segment's best region.
 *
 * Track segments (`trackId` ≠ 0), subject `${label} ${trackId}`:
 * - start: "is in view from the start" (starts at `mediaStartSec`), else "enters at 00:03.2 from the
 *   left" (first box touches an edge), else "appears at 00:03.2";
 * - end: "is still in view at the end (00:07.9)" (ends at `mediaEndSec`), else "leaves at 00:07.9 on
 *   the right" / "at the top" (last box touches an edge), else "disappears at 00:07.9";
 * - both media bounds: "is in view throughout, from the start to the end (00:07.9)".
 *
 * Phrase segments (`trackId` 0), subject the phrase: several objects may take turns answering a
 * phrase, so no entry or exit side is claimed, only presence: "person in view from 00:03.2 to
 * 00:07.9", "… from the start to …", "… to the end (00:07.9)", "… throughout, from the start to the
 * end (00:07.9)". No verb, so plural phrases ("people") read as well.
 *
 * Edges: those the box is within `edgeFraction` of; when it touches both opposite edges of an axis
 * (it fills the width or height) that axis says nothing; of the rest, the nearest (relative to the
 * frame's size) wins, ties in the order left, right, top, bottom.
 *
 * Span offsets are JavaScript string indices (UTF-16 code units).
 *
 * @example
 * toSegmentCaption(segment).text // 'person 4 enters at 00:03.2 from the left, leaves at 00:07.9 on the right'
 */
export function toSegmentCaption(segment: Segment, options: SegmentCaptionOptions = {}): Caption {
  const edgeFraction = options.edgeFraction ?? 0.05;
  if (!(edgeFraction >= 0 && edgeFraction < 0.5)) throw new RangeError(`edgeFraction must be in [0, 0.5), got ${edgeFraction}`);
  const { mediaStartSec, mediaEndSec } = options;
  const atStart = mediaStartSec !== undefined && segment.startSec <= mediaStartSec + SAME_TIME_SEC;
  const atEnd = mediaEndSec !== undefined && segment.endSec >= mediaEndSec - SAME_TIME_SEC;
  const start = formatMediaTime(segment.startSec);
  const end = formatMediaTime(segment.endSec);

  let subject: string;
  let rest: string;
  if (segment.trackId === 0) {
    subject = segment.phrase || segment.label;
    if (atStart && atEnd) rest = `in view throughout, from the start to the end (${end})`;
    else rest = `in view from ${atStart ? 'the start' : start} to ${atEnd ? `the end (${end})` : end}`;
  } else {
    subject = `${segment.label} ${segment.trackId}`;
    if (atStart && atEnd) {
      rest = `is in view throughout, from the start to the end (${end})`;
    } else {
      const inEdge = atStart ? undefined : touchedEdge(segment.firstXyxy, segment.frameWidth, segment.frameHeight, edgeFraction);
      const outEdge = atEnd ? undefined : touchedEdge(segment.lastXyxy, segment.frameWidth, segment.frameHeight, edgeFraction);
      const enters = atStart ? 'is in view from the start' : inEdge ? `enters at ${start} from the ${inEdge}` : `appears at ${start}`;
      const leaves = atEnd ? `is still in view at the end (${end})` : outEdge ? `leaves at ${end} ${outEdge === 'left' || outEdge === 'right' ? 'on' : 'at'} the ${outEdge}` : `disappears at ${end}`;
      rest = `${enters}, ${leaves}`;
    }
  }
  return {
    text: `${subject} ${rest}`,
    spans: [{ start: 0, end: subject.length, regionIds: segment.regionId ? [segment.regionId] : [] }],
  };
}

function touchedEdge(xyxy: Xyxy, width: number, height: number, edgeFraction: number): FrameEdge | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  const near = (d: number): number | undefined => (d <= edgeFraction ? d : undefined);
  let left = near(xyxy[0] / width);
  let right = near((width - xyxy[2]) / width);
  let top = near(xyxy[1] / height);
  let bottom = near((height - xyxy[3]) / height);
  // A box touching both sides of an axis fills it: it did not come from either side.
  if (left !== undefined && right !== undefined) left = right = undefined;
  if (top !== undefined && bottom !== undefined) top = bottom = undefined;
  let best: FrameEdge | undefined;
  let bestDistance = Infinity;
  for (const [edge, d] of [['left', left], ['right', right], ['top', top], ['bottom', bottom]] as const) {
    if (d !== undefined && d < bestDistance) {
      best = edge;
      bestDistance = d;
    }
  }
  return best;
}
