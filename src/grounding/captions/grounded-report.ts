import type { Caption, CaptionSpan } from '../../core/events';
import { describeRegions, type CaptionInput, type CaptionOptions } from './caption-input';
import { placeClause } from './place-phrase';
import { groupNounPiece, groupVerb, labelGroups, lookGroups, objectSentence } from './region-phrases';
import { joinCaptions, piecesToCaption, sentence, type Piece } from './spanned-text';

/** One sentence of a report, grounded on its own: spans are offsets into `text`. */
export interface ReportSentence {
  text: string;
  /** The regions the sentence names, in the order first named, each once. */
  regionIds: string[];
  spans: CaptionSpan[];
}

/** A report: its sentences one by one, and all of them as one caption. */
export interface GroundedReport {
  sentences: ReportSentence[];
  /** The sentences joined with a space, spans moved to their place in the joined text. */
  caption: Caption;
}

/**
 * A multi-sentence grounded report (MAIRA-2-style: one finding a sentence, each sentence listing
 * the regions it rests on), from the same regions and wording rules as `composeCaption`:
 *
 * - `short`: a sentence per label: "Three people are in view." "A car is in view."
 * - `medium`: a sentence per label, colour and position group: "Three people are on the left." "A
 *   red car is in the centre."
 * - `long`: the place first, if given ("The scene is at 41.2°N, 8.6°W and covers 120 m × 80 m.",
 *   naming no region), then a sentence per object: "Person 4 is on the left, near the camera."
 *
 * Regions below `scoreThreshold` are ignored; with none left the report is empty. Span offsets are
 * in Unicode code points, within the sentence for `sentences` and within the joined text for `caption`.
 *
 * @example
 * composeReport(input, { detail: 'medium', scoreThreshold: 0.5 }).sentences.map((s) => s.text)
 * // ['Three people are on the left.', 'A red car is in the centre.']
 */
export function composeReport(input: CaptionInput, options: CaptionOptions): GroundedReport {
  const regions = describeRegions(input, options);
  const bodies: Piece[][] = [];
  if (regions.length > 0) {
    if (options.detail === 'short') {
      for (const group of labelGroups(regions)) bodies.push(sentence([groupNounPiece(group, false), { text: ` ${groupVerb(group)} in view` }]));
    } else if (options.detail === 'medium') {
      for (const group of lookGroups(regions)) {
        bodies.push(sentence([groupNounPiece(group, true), { text: ` ${groupVerb(group)} ${group.position ?? 'in view'}` }]));
      }
    } else {
      if (input.place) bodies.push(sentence([{ text: placeClause(input.place) }]));
      for (const group of lookGroups(regions)) for (const region of group.members) bodies.push(objectSentence(region));
    }
  }
  const sentences = bodies.map((pieces): ReportSentence => {
    const { text, spans } = piecesToCaption(pieces);
    return { text, regionIds: [...new Set(spans.flatMap((s) => s.regionIds))], spans };
  });
  return { sentences, caption: joinCaptions(sentences) };
}
