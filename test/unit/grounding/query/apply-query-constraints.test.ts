import assert from 'node:assert/strict';
import type { Region } from '../../../../src/core/events';
import {
  applyQueryConstraints,
  relationHolds,
  type ApplyQueryHelpers,
} from '../../../../src/grounding/query/apply-query-constraints';
import type { CountConstraint, QueryPhrase, RelationKind } from '../../../../src/grounding/query/parse-query-constraints';

function region(regionId: string, box: number[], extra: Partial<Region> = {}): Region {
  return {
    regionId, box, label: '', classId: 0, score: 1, phrase: '', trackId: 0, modelId: '', nativeBox: [], tileId: '', text: '',
    polygon: [], ...extra,
  };
}

const frame = { frameWidth: 1000, frameHeight: 1000 };
const ids = (regions: readonly Region[]) => regions.map((r) => r.regionId);

describe('relationHolds', () => {
  // target box [100, 100, 200, 200] in a 1000 × 1000 frame: side tolerance 25 px, floor 10 px
  const target = [100, 100, 200, 200];
  const cases: Array<[string, RelationKind, number[], number[], boolean]> = [
    ['well left', 'left_of', [0, 100, 50, 200], target, true],
    ['left, any height', 'left_of', [0, 800, 50, 900], target, true],
    ['overlapping the left end (centre 120 < 125)', 'left_of', [90, 100, 150, 200], target, true],
    ['past the tolerance (centre 130)', 'left_of', [110, 100, 150, 200], target, false],
    ['to the right', 'left_of', [300, 100, 350, 200], target, false],
    ['well right', 'right_of', [250, 100, 300, 200], target, true],
    ['overlapping the right end (centre 180 > 175)', 'right_of', [160, 100, 200, 200], target, true],
    ['not far enough right (centre 170)', 'right_of', [150, 100, 190, 200], target, false],
    ['above (y down)', 'above', [100, 0, 200, 50], target, true],
    ['sitting on the top edge (centre 120 < 125)', 'above', [120, 80, 180, 160], target, true],
    ['lower half is not above', 'above', [100, 120, 200, 160], target, false],
    ['below', 'below', [100, 250, 200, 300], target, true],
    ['above is not below', 'below', [100, 0, 200, 50], target, false],
    ['near: gap 40 < 50', 'near', [240, 100, 340, 200], target, true],
    ['not near: gap 60', 'near', [260, 100, 360, 200], target, false],
    ['near: diagonal gap 42 < 50', 'near', [230, 230, 330, 330], target, true],
    ['near: overlapping', 'near', [150, 150, 250, 250], target, true],
    ['near: tiny boxes use the frame floor (gap 6 < 10)', 'near', [0, 0, 2, 2], [8, 0, 10, 2], true],
    ['inside', 'inside', [120, 120, 150, 150], target, true],
    ['inside at exactly 80 %', 'inside', [100, 100, 200, 225], target, true],
    ['a quarter inside is not inside', 'inside', [150, 150, 250, 250], target, false],
    ['the container is not inside its content', 'inside', target, [120, 120, 150, 150], false],
    ['boxes are clipped to the frame', 'inside', [-50, -50, 40, 40], [0, 0, 50, 50], true],
    ['a box without four numbers relates to nothing', 'near', [], target, false],
  ];
  for (const [name, kind, a, b, expected] of cases) {
    it(`${kind}: ${name}`, () => assert.equal(relationHolds(kind, a, b, frame.frameWidth, frame.frameHeight), expected));
  }
});

describe('applyQueryConstraints', () => {
  const car = (id: string, box: number[]) => region(id, box, { label: 'car' });
  const colours = new Map([['red car', 'red'], ['grey car', 'Grey'], ['red car 2', 'reddish']]);
  const colourOf = (r: Region) => colours.get(r.regionId);
  const cars = [car('red car', [0, 0, 100, 100]), car('grey car', [300, 0, 400, 100]), car('red car 2', [600, 0, 700, 100]), car('plain car', [800, 0, 900, 100])];

  it('keeps regions of the phrase colour, any spelling colourOf uses', () => {
    assert.deepEqual(ids(applyQueryConstraints(cars, { text: 'red cars', head: 'cars', colour: 'red' }, { ...frame, colourOf }).matches), ['red car', 'red car 2']);
    assert.deepEqual(ids(applyQueryConstraints(cars, { text: 'gray cars', head: 'cars', colour: 'gray' }, { ...frame, colourOf }).matches), ['grey car']);
  });

  it('drops every region when colour cannot be checked', () => {
    assert.deepEqual(applyQueryConstraints(cars, { text: 'red cars', head: 'cars', colour: 'red' }, frame).matches, []);
  });

  it('keeps all regions of a phrase without constraints', () => {
    assert.deepEqual(applyQueryConstraints(cars, { text: 'cars', head: 'cars' }, frame), { matches: cars, countSatisfied: true });
  });

  it("matches quoted text in a text region's own OCR text, case and spacing aside", () => {
    const texts = [region('t1', [0, 0, 100, 20], { text: 'Do  not\nBleach at 40°' }), region('t2', [0, 50, 100, 70], { text: 'EXIT' })];
    const phrase: QueryPhrase = { text: 'text "DO NOT BLEACH"', head: 'text', quotedText: 'DO NOT  BLEACH' };
    assert.deepEqual(ids(applyQueryConstraints(texts, phrase, frame).matches), ['t1']);
  });

  it('matches quoted text on a sign from the text regions mostly inside its box', () => {
    const signs = [region('sign', [0, 0, 200, 100]), region('other sign', [300, 0, 500, 100]), region('edge sign', [600, 0, 700, 100])];
    const textRegions = [
      region('t1', [50, 40, 150, 60], { text: 'EXIT' }),
      // three quarters of it lies outside `edge sign`
      region('t2', [680, 40, 760, 60], { text: 'EXIT' }),
      region('t3', [320, 10, 480, 40], { text: 'NO EXIT HERE' }),
    ];
    const phrase: QueryPhrase = { text: 'sign saying "exit"', head: 'sign', quotedText: 'exit' };
    assert.deepEqual(ids(applyQueryConstraints(signs, phrase, { ...frame, textRegions }).matches), ['sign', 'other sign']);
    assert.deepEqual(applyQueryConstraints(signs, phrase, frame).matches, []);
  });

  it('reads text regions in reading order: lines top to bottom, words left to right', () => {
    const label = region('label', [0, 0, 300, 200]);
    const textRegions = [
      region('w3', [10, 110, 200, 150], { text: 'BLEACH' }),
      region('w2', [110, 14, 200, 54], { text: 'NOT' }),
      region('w1', [10, 10, 100, 50], { text: 'DO' }),
    ];
    const read = (quotedText: string) =>
      applyQueryConstraints([label], { text: quotedText, head: 'label', quotedText }, { ...frame, textRegions }).matches.length;
    assert.equal(read('do not bleach'), 1);
    assert.equal(read('not do'), 0);
  });

  describe('relations', () => {
    const people = [region('p left', [0, 0, 50, 100]), region('p middle', [460, 0, 510, 100]), region('p right', [950, 0, 1000, 100])];
    const redCar = car('red car', [600, 0, 800, 100]);
    const greyCar = car('grey car', [100, 0, 300, 100]);
    const colours2 = new Map([['red car', 'red'], ['grey car', 'gray']]);
    const helpers: ApplyQueryHelpers = {
      ...frame,
      colourOf: (r) => colours2.get(r.regionId),
      targetRegions: (target) => (target.head === 'car' ? [redCar, greyCar] : target.head === 'person' ? people : []),
    };
    const withRelation = (kind: RelationKind, target: QueryPhrase): QueryPhrase => ({ text: '', head: 'person', relation: { kind, target } });

    const cases: Array<[string, QueryPhrase, string[]]> = [
      ['left of any car', withRelation('left_of', { text: 'car', head: 'car' }), ['p left', 'p middle']],
      ['right of any car', withRelation('right_of', { text: 'car', head: 'car' }), ['p middle', 'p right']],
      ['left of a red car: the target keeps its own colour', withRelation('left_of', { text: 'red car', head: 'car', colour: 'red' }), ['p left', 'p middle']],
      ['right of a red car', withRelation('right_of', { text: 'red car', head: 'car', colour: 'red' }), ['p right']],
      ['near a car', withRelation('near', { text: 'car', head: 'car' }), ['p left', 'p middle']],
      ['near no cars', withRelation('near', { text: 'no cars', head: 'car', count: { op: '=', n: 0 } }), ['p right']],
      ['near 2 cars', withRelation('near', { text: '2 cars', head: 'car', count: { op: '>=', n: 2 } }), []],
      ['near a person: never itself', withRelation('near', { text: 'person', head: 'person' }), []],
      ['near a bus: no target regions', withRelation('near', { text: 'bus', head: 'bus' }), []],
    ];
    for (const [name, phrase, expected] of cases) {
      it(name, () => assert.deepEqual(ids(applyQueryConstraints(people, phrase, helpers).matches), expected));
    }

    it('holds no relation without targetRegions', () => {
      assert.deepEqual(applyQueryConstraints(people, withRelation('left_of', { text: 'car', head: 'car' }), frame).matches, []);
    });
  });

  describe('count', () => {
    const three = [car('a', [0, 0, 10, 10]), car('b', [20, 0, 30, 10]), car('c', [40, 0, 50, 10])];
    const cases: Array<[CountConstraint, boolean]> = [
      [{ op: '>=', n: 3 }, true], [{ op: '>=', n: 4 }, false], [{ op: '<=', n: 3 }, true], [{ op: '<=', n: 2 }, false],
      [{ op: '=', n: 3 }, true], [{ op: '=', n: 2 }, false], [{ op: '>', n: 2 }, true], [{ op: '>', n: 3 }, false],
      [{ op: '<', n: 4 }, true], [{ op: '<', n: 3 }, false],
    ];
    for (const [count, expected] of cases) {
      it(`3 regions, ${count.op} ${count.n} → ${expected}`, () =>
        assert.equal(applyQueryConstraints(three, { text: '', head: 'cars', count }, frame).countSatisfied, expected));
    }

    it('counts the kept regions, after the other constraints', () => {
      const result = applyQueryConstraints(three, { text: '', head: 'cars', colour: 'red', count: { op: '=', n: 0 } }, frame);
      assert.deepEqual(result, { matches: [], countSatisfied: true });
    });
  });
});
