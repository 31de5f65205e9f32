import type { GroundingEvent, Region } from '../core/events';
import type { Frame } from '../core/frame';
import { dominantColourName } from '../grounding/captions';
import { applyQueryConstraints, type QueryPhrase } from '../grounding/query';

/** The dominant colour name of a region, read from the frame's own pixels inside its box. */
export function regionColour(frame: Frame, region: Pick<Region, 'box'>): string | undefined {
  // Boxes are in source pixels; the buffer may be scaled or letterboxed.
  const t = frame.toSource;
  const [x0, y0, x1, y1] = region.box;
  return dominantColourName(frame, [x0 * t.scaleX + t.offsetX, y0 * t.scaleY + t.offsetY, x1 * t.scaleX + t.offsetX, y1 * t.scaleY + t.offsetY]);
}

/**
 * Keeps the regions of a frame event that meet their phrase's constraints: colour (read from the
 * frame), text shown (the region's own OCR text, or text regions inside it), a relation to the
 * regions of another phrase, and a count (when a frame does not meet it, none of that phrase's
 * regions are kept in it). Regions of phrases without constraints pass. Returns a new event.
 *
 * @example
 * filterByConstraints(frame, frameEvent, toConstrainedQuery('at least 2 red cars')!.phrases)
 */
export function filterByConstraints(frame: Frame, event: GroundingEvent, phrases: readonly QueryPhrase[]): GroundingEvent {
  const colours = new Map<string, string | undefined>();
  const colourOf = (r: Region): string | undefined => {
    if (!colours.has(r.regionId)) colours.set(r.regionId, regionColour(frame, r));
    return colours.get(r.regionId);
  };
  const ofPhrase = (head: string) => event.regions.filter((r) => r.phrase.toLowerCase() === head);
  const textRegions = event.regions.filter((r) => r.text);
  const removed = new Set<string>();
  for (const phrase of phrases) {
    if (!(phrase.colour || phrase.quotedText || phrase.count || phrase.relation)) continue;
    const own = ofPhrase(phrase.head);
    const { matches, countSatisfied } = applyQueryConstraints(own, phrase, {
      colourOf, frameWidth: event.width, frameHeight: event.height, textRegions, targetRegions: (target) => ofPhrase(target.head),
    });
    const kept = new Set(countSatisfied ? matches.map((r) => r.regionId) : []);
    for (const r of own) if (!kept.has(r.regionId)) removed.add(r.regionId);
  }
  return removed.size ? { ...event, regions: event.regions.filter((r) => !removed.has(r.regionId)) } : event;
}
