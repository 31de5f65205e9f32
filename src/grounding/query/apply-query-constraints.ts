import type { Region } from '../../core/events';
import { basicColourName, type CountConstraint, type QueryPhrase, type RelationKind } from './parse-query-constraints';

/** What {@link applyQueryConstraints} needs besides the regions. */
export interface ApplyQueryHelpers {
  /**
   * The basic colour of a region (any spelling {@link basicColourName} knows). Without it, or
   * when it answers undefined, a region fails a colour constraint: an unchecked colour is not a match.
   */
  colourOf?(region: Region): string | undefined;
  /** Frame (or scene) size in pixels: boxes are clipped to it, and it sets the tolerance floor. */
  frameWidth: number;
  frameHeight: number;
  /** OCR text regions, read for a region without text of its own (`sign saying "EXIT"`). */
  textRegions?: readonly Region[];
  /**
   * The regions grounded to a relation target's head (the caller grounds head → labels, as for
   * the phrase itself). Without it no relation holds.
   */
  targetRegions?(target: QueryPhrase): readonly Region[];
}

export interface AppliedConstraints {
  /** The regions that meet colour, text and relation, in input order (the same objects). */
  matches: Region[];
  /** Whether `matches.length` meets the phrase's count; true when the phrase has none. */
  countSatisfied: boolean;
}

/**
 * Tolerances of the geometric rules, as fractions: `side` of the target's width (left/right)
 * or height (above/below), `near` of the larger box's longest side, `inside` and `textOverlap`
 * of the inner box's area, and `frameFloor` of the frame's size, the least tolerance for tiny boxes.
 */
export const RELATION_TOLERANCES = {
  side: 0.25,
  near: 0.5,
  inside: 0.8,
  textOverlap: 0.5,
  frameFloor: 0.01,
} as const;

type Box = readonly [x0: number, y0: number, x1: number, y1: number];

/**
 * Whether box `a` stands in relation `kind` to box `b` (xyxy pixels, y down), in a frame of
 * `frameWidth` × `frameHeight`. With tolX = max(side × width(b), frameFloor × frameWidth) and
 * tolY likewise from heights:
 * - left_of: centre x of a < left edge of b + tolX, and < centre x of b (right_of mirrors it);
 * - above: centre y of a < top edge of b + tolY, and < centre y of b (below mirrors it);
 *   only the one axis counts: `left of` in an image means further left, at any height;
 * - near: the gap between the boxes (0 when they touch or overlap) < near × the longest side of
 *   the larger box, and at least frameFloor × the frame's longer side;
 * - inside: at least `inside` of a's area lies in b (a box of no area: its centre lies in b).
 * The tolerances let a person whose box overlaps the car's left end still be left of it.
 *
 * @example relationHolds('left_of', [0, 0, 10, 10], [20, 0, 30, 10], 100, 100) // true
 */
export function relationHolds(
  kind: RelationKind,
  a: readonly number[],
  b: readonly number[],
  frameWidth: number,
  frameHeight: number,
): boolean {
  const p = clip(a, frameWidth, frameHeight);
  const q = clip(b, frameWidth, frameHeight);
  if (!p || !q) return false;
  const { side, near, inside, frameFloor } = RELATION_TOLERANCES;
  const tolX = Math.max(side * (q[2] - q[0]), frameFloor * frameWidth);
  const tolY = Math.max(side * (q[3] - q[1]), frameFloor * frameHeight);
  const [acx, acy] = centre(p);
  const [bcx, bcy] = centre(q);
  switch (kind) {
    case 'left_of':
      return acx < q[0] + tolX && acx < bcx;
    case 'right_of':
      return acx > q[2] - tolX && acx > bcx;
    case 'above':
      return acy < q[1] + tolY && acy < bcy;
    case 'below':
      return acy > q[3] - tolY && acy > bcy;
    case 'near': {
      const gapX = Math.max(0, q[0] - p[2], p[0] - q[2]);
      const gapY = Math.max(0, q[1] - p[3], p[1] - q[3]);
      const size = Math.max(p[2] - p[0], p[3] - p[1], q[2] - q[0], q[3] - q[1]);
      return Math.hypot(gapX, gapY) < Math.max(near * size, frameFloor * Math.max(frameWidth, frameHeight));
    }
    case 'inside':
      return coveredFraction(p, q) >= inside;
  }
}

/**
 * Filters regions already grounded to `phrase.head` by the phrase's other constraints, then
 * checks its count on what is left. A region is kept when
 * - colour: `colourOf(region)` names the phrase's colour (`grey` = `gray`);
 * - quoted text: its OCR `text`, or (a region without text, such as a sign) the text regions
 *   lying mostly (`textOverlap`) inside its box read in reading order, contains the quoted text,
 *   case-insensitively with whitespace runs made single spaces (so `DO NOT` + `BLEACH` on two
 *   lines match `DO NOT BLEACH`);
 * - relation: it stands in the relation ({@link relationHolds}) to a number of target regions
 *   that meets the target's count, at least one when the target has none (`person near no cars`
 *   asks for none). Target regions come from `targetRegions` and are filtered by the target's own
 *   constraints first; a region is never related to itself.
 *
 * @example
 * const { matches, countSatisfied } = applyQueryConstraints(carRegions, parseQueryConstraints('at least 2 red cars').phrases[0], {
 *   colourOf: (r) => colours.get(r.regionId), frameWidth: 1920, frameHeight: 1080,
 * });
 */
export function applyQueryConstraints(
  regions: readonly Region[],
  phrase: QueryPhrase,
  helpers: ApplyQueryHelpers,
): AppliedConstraints {
  const { frameWidth, frameHeight } = helpers;
  const colour = phrase.colour === undefined ? undefined : (basicColourName(phrase.colour) ?? phrase.colour);
  const quoted = phrase.quotedText === undefined ? '' : normaliseText(phrase.quotedText);
  const relation = phrase.relation;
  const targets = relation
    ? applyQueryConstraints(helpers.targetRegions?.(relation.target) ?? [], relation.target, helpers).matches
    : [];

  const matches = regions.filter((region) => {
    if (colour !== undefined) {
      const seen = helpers.colourOf?.(region);
      if (seen === undefined || (basicColourName(seen) ?? seen.trim().toLowerCase()) !== colour) return false;
    }
    if (quoted !== '' && !readText(region, helpers).includes(quoted)) return false;
    if (relation) {
      const related = targets.filter(
        (t) => !sameRegion(t, region) && relationHolds(relation.kind, region.box, t.box, frameWidth, frameHeight),
      ).length;
      if (!countHolds(related, relation.target.count ?? { op: '>=', n: 1 })) return false;
    }
    return true;
  });
  return { matches, countSatisfied: phrase.count === undefined || countHolds(matches.length, phrase.count) };
}

function countHolds(n: number, { op, n: wanted }: CountConstraint): boolean {
  switch (op) {
    case '>=':
      return n >= wanted;
    case '<=':
      return n <= wanted;
    case '=':
      return n === wanted;
    case '>':
      return n > wanted;
    case '<':
      return n < wanted;
  }
}

function sameRegion(a: Region, b: Region): boolean {
  return a === b || (a.regionId !== '' && a.regionId === b.regionId);
}

function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The region's own OCR text, or the text regions mostly inside its box, top line first, left to right. */
function readText(region: Region, helpers: ApplyQueryHelpers): string {
  if (region.text.trim() !== '') return normaliseText(region.text);
  const box = clip(region.box, helpers.frameWidth, helpers.frameHeight);
  if (!box) return '';
  const inside: Array<{ box: Box; text: string }> = [];
  for (const t of helpers.textRegions ?? []) {
    const tb = clip(t.box, helpers.frameWidth, helpers.frameHeight);
    if (tb && t.text.trim() !== '' && coveredFraction(tb, box) >= RELATION_TOLERANCES.textOverlap) {
      inside.push({ box: tb, text: t.text });
    }
  }
  inside.sort((a, b) => centre(a.box)[1] - centre(b.box)[1]);
  // A box whose centre lies within the first box's height of a line joins that line.
  const lines: Array<typeof inside> = [];
  for (const t of inside) {
    const line = lines.at(-1);
    const first = line?.[0].box;
    if (line && first && centre(t.box)[1] <= first[3]) line.push(t);
    else lines.push([t]);
  }
  return normaliseText(
    lines
      .map((line) => line.sort((a, b) => a.box[0] - b.box[0]).map((t) => t.text).join(' '))
      .join(' '),
  );
}

/** The box clipped to the frame, or undefined when it is not four finite numbers. */
function clip(box: readonly number[], width: number, height: number): Box | undefined {
  if (box.length < 4 || !box.slice(0, 4).every(Number.isFinite)) return undefined;
  const cx = (v: number): number => Math.min(Math.max(v, 0), width);
  const cy = (v: number): number => Math.min(Math.max(v, 0), height);
  const x0 = cx(Math.min(box[0], box[2]));
  const x1 = cx(Math.max(box[0], box[2]));
  const y0 = cy(Math.min(box[1], box[3]));
  const y1 = cy(Math.max(box[1], box[3]));
  return [x0, y0, x1, y1];
}

function centre(b: Box): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/** The fraction of `inner`'s area inside `outer`; for a box of no area, 1 or 0 by its centre. */
function coveredFraction(inner: Box, outer: Box): number {
  const area = (inner[2] - inner[0]) * (inner[3] - inner[1]);
  if (area <= 0) {
    const [x, y] = centre(inner);
    return x >= outer[0] && x <= outer[2] && y >= outer[1] && y <= outer[3] ? 1 : 0;
  }
  const w = Math.max(0, Math.min(inner[2], outer[2]) - Math.max(inner[0], outer[0]));
  const h = Math.max(0, Math.min(inner[3], outer[3]) - Math.max(inner[1], outer[1]));
  return (w * h) / area;
}
