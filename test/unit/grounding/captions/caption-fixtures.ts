import assert from 'node:assert/strict';
import type { Caption } from '../../../../src/core/events';
import type { CaptionInput, CaptionRegion } from '../../../../src/grounding/captions';

/**
 * A hand-made scene, 600 × 300 (thirds at x 200/400, y 100/200), threshold 0.5:
 * three people on the left (4 near, 7, and an untracked far one), a red car in the centre, a blue
 * car at the bottom right (score exactly 0.5), a sign reading EXIT at the top right, an orange
 * umbrella on the right (colour from the side map); a dog and a fourth person below the threshold.
 */
export const REGIONS: CaptionRegion[] = [
  { regionId: 'p1', label: 'person', score: 0.9, box: [10, 100, 60, 250], trackId: 4 },
  { regionId: 'c1', label: 'car', score: 0.95, box: [250, 120, 350, 200], colour: 'red' },
  { regionId: 'p2', label: 'person', score: 0.8, box: [80, 110, 120, 200], trackId: 7 },
  { regionId: 's1', label: 'sign', score: 0.85, box: [450, 10, 550, 60], text: 'EXIT' },
  { regionId: 'p3', label: 'person', score: 0.7, box: [150, 120, 180, 140] },
  { regionId: 'u1', label: 'umbrella', score: 0.6, box: [420, 120, 500, 180] },
  { regionId: 'd1', label: 'dog', score: 0.3, box: [0, 0, 10, 10], text: 'SECRET', colour: 'purple', trackId: 9 },
  { regionId: 'p4', label: 'person', score: 0.49, box: [500, 200, 550, 290], trackId: 11 },
  { regionId: 'c2', label: 'car', score: 0.5, box: [420, 200, 560, 290], colour: 'blue' },
];

export const SCENE: CaptionInput = { regions: REGIONS, frameWidth: 600, frameHeight: 300, colours: { u1: 'orange', d1: 'purple' } };

export const BELOW_THRESHOLD = ['d1', 'p4'];

/**
 * Asserts the caption's spans, in order: each one's text (cut out by code points) is the expected
 * phrase and it points at the expected regions; spans are ordered and do not overlap.
 */
export function assertSpans(caption: Caption, expected: readonly (readonly [string, readonly string[]])[]): void {
  const chars = Array.from(caption.text);
  const actual = caption.spans.map((s) => [chars.slice(s.start, s.end).join(''), s.regionIds] as const);
  assert.deepEqual(actual, expected);
  for (let k = 1; k < caption.spans.length; k++) assert.ok(caption.spans[k]!.start >= caption.spans[k - 1]!.end, `span ${k} overlaps span ${k - 1}`);
  for (const s of caption.spans) assert.ok(s.start < s.end && s.end <= chars.length, `span ${s.start}–${s.end} out of the text`);
}
