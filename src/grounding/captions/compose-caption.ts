import type { Caption } from '../../core/events';
import { describeRegions, type CaptionInput, type CaptionOptions, type DescribedRegion } from './caption-input';
import { placeClause } from './place-phrase';
import { groupNounPiece, groupPlacePieces, labelGroups, lookGroups, objectSentence } from './region-phrases';
import { joinList, piecesToCaption, sentence, type Piece } from './spanned-text';

/**
 * A grounded caption composed from expert outputs (detector labels and scores, tracker ids, OCR
 * text, colour names, the scene's place), FuseCap-style: the words are built from the regions, so
 * nothing is said that no region scoring at least `scoreThreshold` supports; regions below it are
 * ignored entirely. No kept region gives an empty caption (`''`, no spans), place or not.
 *
 * - `short`: counts per label, largest first: "Three people, two cars and a sign."
 * - `medium`: per label, colour and position group: "Three people on the left, a red car in the
 *   centre and a sign at the top right."
 * - `long`: the place, if given ("The scene is at 41.2°N, 8.6°W and covers 120 m × 80 m."), the
 *   medium sentence, then one sentence per object with its track id, the text it reads and its
 *   distance: "Person 4 is on the left, near the camera. A sign reading "EXIT" is at the top right."
 *
 * Wording: counts in words up to ten, digits above; "a"/"an" by the next word's sound; English
 * plurals (person → people, bus → buses, mouse → mice); lists "A, B and C". Positions are the box
 * centre's thirds of the frame; near/far is the box height against the frame's (see
 * `position-words`).
 *
 * Every noun phrase that names regions carries a span over exactly its text: "three people" → the
 * three person regions, "a red car" → that car, `a sign reading "EXIT"` → that sign. Spans never
 * overlap; a region may be named by several (its group's, then its own in `long`). Offsets count
 * Unicode code points, not UTF-16 units: an emoji in OCR text moves later spans by one, not two.
 *
 * @example
 * composeCaption({ regions, frameWidth: 640, frameHeight: 480 }, { detail: 'short', scoreThreshold: 0.5 }).text
 * // 'Three people and a red car.' → medium: 'Three people on the left and a red car in the centre.'
 */
export function composeCaption(input: CaptionInput, options: CaptionOptions): Caption {
  const regions = describeRegions(input, options);
  if (regions.length === 0) return { text: '', spans: [] };
  if (options.detail === 'short') return piecesToCaption(shortSentence(regions));
  if (options.detail === 'medium') return piecesToCaption(mediumSentence(regions));
  const sentences: Piece[][] = [];
  if (input.place) sentences.push(sentence([{ text: placeClause(input.place) }]));
  sentences.push(mediumSentence(regions));
  for (const group of lookGroups(regions)) for (const region of group.members) sentences.push(objectSentence(region));
  return piecesToCaption(sentences.flatMap((s, k) => (k === 0 ? s : [{ text: ' ' }, ...s])));
}

function shortSentence(regions: readonly DescribedRegion[]): Piece[] {
  return sentence(joinList(labelGroups(regions).map((group) => [groupNounPiece(group, false)])));
}

function mediumSentence(regions: readonly DescribedRegion[]): Piece[] {
  return sentence(joinList(lookGroups(regions).map(groupPlacePieces)));
}
