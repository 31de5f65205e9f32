import type { Region } from '../../core/events';
import type { Place } from './place-phrase';
import { distanceWord, positionPhrase, type Distance } from './position-words';

/**
 * What a caption reads of a region: the event's {@link Region} fits as it is, and may carry the
 * `colour` name computed beforehand (e.g. with `dominantColourName`).
 */
export type CaptionRegion = Pick<Region, 'regionId' | 'label' | 'score' | 'box'> &
  Partial<Pick<Region, 'trackId' | 'text'>> & {
    /** A colour name for the region ("red"); alternatively given in {@link CaptionInput.colours}. */
    colour?: string;
  };

/** The expert outputs a caption is composed from. */
export interface CaptionInput {
  regions: readonly CaptionRegion[];
  /** Size of the frame (or scene) the boxes are in, in pixels. */
  frameWidth: number;
  frameHeight: number;
  /** Colour names by region id, for regions without `colour` of their own. */
  colours?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Where a raster scene lies; said in long captions. Its presence also turns off near/far (see {@link CaptionOptions.distance}). */
  place?: Place;
}

/** How much a caption says. */
export type CaptionDetail = 'short' | 'medium' | 'long';

/** Options of `composeCaption` and `composeReport`. */
export interface CaptionOptions {
  /** `short`: counts per label; `medium`: + colours and positions per group; `long`: + one sentence per object and the place. */
  detail: CaptionDetail;
  /** Regions scoring below this are ignored entirely, as if absent. */
  scoreThreshold: number;
  /**
   * Whether long captions say "near the camera" / "far from the camera". Default: yes for frames,
   * no when `place` is given, since a map tile is seen from above and has no near or far.
   */
  distance?: boolean;
}

/** A region kept for a caption, with everything a phrase may say about it worked out once. */
export interface DescribedRegion {
  regionId: string;
  /** Position in the input, the tie-breaker of every ordering. */
  index: number;
  label: string;
  /** The noun that names it ("person", "text line"). */
  noun: string;
  colour?: string;
  /** "on the left", … when the region has a box. */
  position?: string;
  distance?: Distance;
  /** 0 when untracked. */
  trackId: number;
  /** OCR text, whitespace collapsed; '' when none. */
  text: string;
}

// Labels that are not countable nouns get one that is: "two text lines", not "two texts".
const NOUN_FOR_LABEL: ReadonlyMap<string, string> = new Map([
  ['text', 'text line'],
  // Spectral experts' classes are mass nouns: each region is one area of them.
  ['water', 'water body'],
  ['vegetation', 'vegetated area'],
  ['bare soil', 'bare soil area'],
  ['', 'object'],
]);

/**
 * The regions a caption may speak of: those scoring at least `scoreThreshold` (a NaN score never
 * does), each with its noun, colour, position and distance. Everything a caption says comes from
 * these, which is what keeps it from saying anything no region supports.
 *
 * @example
 * describeRegions(input, { detail: 'medium', scoreThreshold: 0.5 })[0] // { regionId: 'r1', noun: 'car', colour: 'red', position: 'in the centre', … }
 */
export function describeRegions(input: CaptionInput, options: CaptionOptions): DescribedRegion[] {
  const { frameWidth, frameHeight, colours } = input;
  if (!(frameWidth > 0 && frameHeight > 0 && Number.isFinite(frameWidth) && Number.isFinite(frameHeight))) {
    throw new RangeError(`frame size must be positive, got ${frameWidth} × ${frameHeight}`);
  }
  if (Number.isNaN(options.scoreThreshold)) throw new RangeError('scoreThreshold must be a number, got NaN');
  if (!['short', 'medium', 'long'].includes(options.detail)) throw new RangeError(`detail must be short, medium or long, got ${String(options.detail)}`);
  const withDistance = options.distance ?? input.place === undefined;
  const colourOf = (id: string): string | undefined =>
    colours === undefined ? undefined : isMap(colours) ? colours.get(id) : Object.prototype.hasOwnProperty.call(colours, id) ? colours[id] : undefined;

  const out: DescribedRegion[] = [];
  input.regions.forEach((region, index) => {
    if (!(region.score >= options.scoreThreshold)) return;
    const label = collapse(region.label ?? '');
    const box = region.box;
    const hasBox = box !== undefined && box.length === 4 && box.every(Number.isFinite);
    const colour = collapse(region.colour ?? colourOf(region.regionId) ?? '');
    const described: DescribedRegion = {
      regionId: region.regionId,
      index,
      label,
      noun: NOUN_FOR_LABEL.get(label) ?? label,
      trackId: region.trackId ?? 0,
      text: collapse(region.text ?? ''),
    };
    if (colour) described.colour = colour;
    if (hasBox) {
      described.position = positionPhrase(box, frameWidth, frameHeight);
      const distance = withDistance ? distanceWord(box, frameHeight) : undefined;
      if (distance) described.distance = distance;
    }
    out.push(described);
  });
  return out;
}

function isMap(colours: ReadonlyMap<string, string> | Readonly<Record<string, string>>): colours is ReadonlyMap<string, string> {
  return colours instanceof Map;
}

// OCR text and labels may hold line breaks and runs of spaces; a caption is one line.
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
