import type { DescribedRegion } from './caption-input';
import { countedNoun, indefiniteArticle, isPairNoun } from './english-words';
import { distancePhrase } from './position-words';
import { sentence, type Piece } from './spanned-text';

/** Regions a phrase names together: the same label (and, for look groups, colour and position). */
export interface RegionGroup {
  noun: string;
  colour?: string;
  position?: string;
  members: DescribedRegion[];
}

/**
 * Regions grouped by label, largest group first, ties by first appearance in the input: the order a
 * summary names things in ("three people, two cars and a dog").
 *
 * @example
 * labelGroups(regions).map((g) => g.members.length) // [3, 2, 1]
 */
export function labelGroups(regions: readonly DescribedRegion[]): RegionGroup[] {
  return ordered(groupBy(regions, (r) => r.label)).map((members) => ({ noun: members[0]!.noun, members }));
}

/**
 * Regions grouped by label, then by colour and position together, so that every word of a group's
 * phrase is true of every region in it ("two red cars on the left" names only red cars on the
 * left). Labels keep the {@link labelGroups} order; within a label, the largest group first, ties by
 * first appearance.
 *
 * @example
 * lookGroups(regions).map((g) => `${g.colour} ${g.noun} ${g.position}`) // ['red car in the centre', 'blue car on the left']
 */
export function lookGroups(regions: readonly DescribedRegion[]): RegionGroup[] {
  return labelGroups(regions).flatMap((group) =>
    ordered(groupBy(group.members, (r) => `${r.colour ?? ''}\u0000${r.position ?? ''}`)).map((members) => {
      const look: RegionGroup = { noun: group.noun, members };
      if (members[0]!.colour) look.colour = members[0]!.colour;
      if (members[0]!.position) look.position = members[0]!.position;
      return look;
    }),
  );
}

/**
 * The group's counted noun phrase as a span over all its regions: "three people", and with
 * `withColour` "two red cars".
 *
 * @example
 * groupNounPiece(group, true) // { text: 'a red car', regionIds: ['r7'] }
 */
export function groupNounPiece(group: RegionGroup, withColour: boolean): Piece {
  return {
    text: countedNoun(group.members.length, group.noun, withColour ? group.colour : undefined),
    regionIds: group.members.map((r) => r.regionId),
  };
}

/**
 * A look group as a list item: its noun phrase (a span) and where it is, e.g. "two red cars" + " on the left".
 *
 * @example
 * groupPlacePieces(group) // [{ text: 'two red cars', regionIds: ['a', 'b'] }, { text: ' on the left' }]
 */
export function groupPlacePieces(group: RegionGroup): Piece[] {
  const pieces: Piece[] = [groupNounPiece(group, true)];
  if (group.position) pieces.push({ text: ` ${group.position}` });
  return pieces;
}

/**
 * "is" or "are" for a group's counted phrase: "two pairs of skis are", "a pair of skis is".
 *
 * @example
 * groupVerb(threePeople) // 'are'
 */
export function groupVerb(group: RegionGroup): 'is' | 'are' {
  return group.members.length > 1 ? 'are' : 'is';
}

/**
 * One object's noun phrase as a span over it: the track id when tracked ("person 4", "red car 12"),
 * else an indefinite phrase ("a red car"); with OCR text, what it reads
 * (`a sign reading "EXIT"`, `text line 3 reading "Rua Augusta"`).
 *
 * @example
 * objectNounPiece(sign) // { text: 'a sign reading "EXIT"', regionIds: ['s1'] }
 */
export function objectNounPiece(region: DescribedRegion): Piece {
  let text: string;
  if (region.trackId > 0) {
    text = `${region.colour ? `${region.colour} ` : ''}${region.noun} ${region.trackId}`;
  } else if (isPairNoun(region.noun)) {
    text = countedNoun(1, region.noun, region.colour);
  } else {
    const described = region.colour ? `${region.colour} ${region.noun}` : region.noun;
    text = `${indefiniteArticle(described)} ${described}`;
  }
  if (region.text) text += ` reading "${region.text}"`;
  return { text, regionIds: [region.regionId] };
}

/**
 * One sentence about one object: its noun phrase, where it is and, when known, how far:
 * "Person 4 is on the left, near the camera." A region without a box "is in view".
 *
 * @example
 * objectSentence(person) // 'Person 4 is on the left, near the camera.' with a span on "Person 4"
 */
export function objectSentence(region: DescribedRegion): Piece[] {
  // "skis 3 are", but "a pair of skis is".
  const verb = region.trackId > 0 && isPairNoun(region.noun) ? 'are' : 'is';
  let rest = ` ${verb} ${region.position ?? 'in view'}`;
  if (region.distance) rest += `, ${distancePhrase(region.distance)}`;
  return sentence([objectNounPiece(region), { text: rest }]);
}

function groupBy(regions: readonly DescribedRegion[], key: (r: DescribedRegion) => string): DescribedRegion[][] {
  const groups = new Map<string, DescribedRegion[]>();
  for (const r of regions) {
    const k = key(r);
    const members = groups.get(k);
    if (members) members.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

// Largest first; equal sizes keep the order of their first member in the input.
function ordered(groups: DescribedRegion[][]): DescribedRegion[][] {
  return groups.sort((p, q) => q.length - p.length || p[0]!.index - q[0]!.index);
}
