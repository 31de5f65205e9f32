import assert from 'node:assert/strict';
import {
  basicColourName,
  parseQueryConstraints,
  type ParsedQuery,
  type QueryPhrase,
  type RelationKind,
} from '../../../../src/grounding/query/parse-query-constraints';

const phrase = (text: string, head: string, extra: Partial<QueryPhrase> = {}): QueryPhrase => ({ text, head, ...extra });
const related = (kind: RelationKind, target: QueryPhrase) => ({ relation: { kind, target } });
const only = (p: QueryPhrase, unknown: string[] = []): ParsedQuery => ({ phrases: [p], unknown });

describe('parseQueryConstraints', () => {
  const cases: Array<[string, ParsedQuery]> = [
    // plain heads and request words
    ['', { phrases: [], unknown: [] }],
    ['show me all the people', only(phrase('show me all the people', 'people'))],
    ['faces', only(phrase('faces', 'faces'))],
    ['stop sign', only(phrase('stop sign', 'stop sign'))],
    ["people's bags", only(phrase("people's bags", 'bags'), ["people's"])],
    // colours
    ['red cars', only(phrase('red cars', 'cars', { colour: 'red' }))],
    ['a dark grey car', only(phrase('a dark grey car', 'car', { colour: 'gray' }))],
    ['light blue car', only(phrase('light blue car', 'car', { colour: 'blue' }))],
    ['silver car', only(phrase('silver car', 'car', { colour: 'gray' }))],
    ['cars that are red', only(phrase('cars that are red', 'cars', { colour: 'red' }))],
    ['an orange', only(phrase('an orange', 'orange'))],
    // quoted text: straight, single, smart, unquoted after a cue, quote-only
    ['sign saying "EXIT"', only(phrase('sign saying "EXIT"', 'sign', { quotedText: 'EXIT' }))],
    ['text "DO NOT BLEACH"', only(phrase('text "DO NOT BLEACH"', 'text', { quotedText: 'DO NOT BLEACH' }))],
    ["a sign that says 'STOP'", only(phrase("a sign that says 'STOP'", 'sign', { quotedText: 'STOP' }))],
    ['a sign that says “STOP”', only(phrase('a sign that says “STOP”', 'sign', { quotedText: 'STOP' }))],
    ['label ‘DON’T STOP’', only(phrase('label ‘DON’T STOP’', 'label', { quotedText: 'DON’T STOP' }))],
    ['sign with the words OPEN 24 HOURS', only(phrase('sign with the words OPEN 24 HOURS', 'sign', { quotedText: 'OPEN 24 HOURS' }))],
    ['"EXIT"', only(phrase('"EXIT"', 'text', { quotedText: 'EXIT' }))],
    ['"SALT and PEPPER, 2x" text', only(phrase('"SALT and PEPPER, 2x" text', 'text', { quotedText: 'SALT and PEPPER, 2x' }))],
    ['red "EXIT"', only(phrase('red "EXIT"', 'text', { colour: 'red', quotedText: 'EXIT' }))],
    // counts in digits and words
    ['at least 3 people', only(phrase('at least 3 people', 'people', { count: { op: '>=', n: 3 } }))],
    ['more than two cars', only(phrase('more than two cars', 'cars', { count: { op: '>', n: 2 } }))],
    ['exactly 1 bus', only(phrase('exactly 1 bus', 'bus', { count: { op: '=', n: 1 } }))],
    ['no more than 4 persons', only(phrase('no more than 4 persons', 'persons', { count: { op: '<=', n: 4 } }))],
    ['fewer than five dogs', only(phrase('fewer than five dogs', 'dogs', { count: { op: '<', n: 5 } }))],
    ['3 people', only(phrase('3 people', 'people', { count: { op: '>=', n: 3 } }))],
    ['twenty one birds', only(phrase('twenty one birds', 'birds', { count: { op: '>=', n: 21 } }))],
    ['3 or more people', only(phrase('3 or more people', 'people', { count: { op: '>=', n: 3 } }))],
    ['2 or fewer trucks', only(phrase('2 or fewer trucks', 'trucks', { count: { op: '<=', n: 2 } }))],
    ['3+ dogs', only(phrase('3+ dogs', 'dogs', { count: { op: '>=', n: 3 } }))],
    ['up to 3 red cars', only(phrase('up to 3 red cars', 'cars', { colour: 'red', count: { op: '<=', n: 3 } }))],
    ['no cars', only(phrase('no cars', 'cars', { count: { op: '=', n: 0 } }))],
    ['zero dogs', only(phrase('zero dogs', 'dogs', { count: { op: '=', n: 0 } }))],
    ['several trucks', only(phrase('several trucks', 'trucks', { count: { op: '>=', n: 2 } }))],
    ['how many people are there', only(phrase('how many people are there', 'people'))],
    // each relation phrasing
    ['person left of car', only(phrase('person left of car', 'person', related('left_of', phrase('car', 'car'))))],
    [
      'person to the right of the bus',
      only(phrase('person to the right of the bus', 'person', related('right_of', phrase('the bus', 'bus')))),
    ],
    [
      'person on the left side of the bench',
      only(phrase('person on the left side of the bench', 'person', related('left_of', phrase('the bench', 'bench')))),
    ],
    ['kite above the tree', only(phrase('kite above the tree', 'kite', related('above', phrase('the tree', 'tree'))))],
    ['bird over the water', only(phrase('bird over the water', 'bird', related('above', phrase('the water', 'water'))))],
    ['cat on top of the car', only(phrase('cat on top of the car', 'cat', related('above', phrase('the car', 'car'))))],
    ['dog under the table', only(phrase('dog under the table', 'dog', related('below', phrase('the table', 'table'))))],
    ['ball below the chair', only(phrase('ball below the chair', 'ball', related('below', phrase('the chair', 'chair'))))],
    ['car near building', only(phrase('car near building', 'car', related('near', phrase('building', 'building'))))],
    ['man next to a woman', only(phrase('man next to a woman', 'man', related('near', phrase('a woman', 'woman'))))],
    ['dog close to the sofa', only(phrase('dog close to the sofa', 'dog', related('near', phrase('the sofa', 'sofa'))))],
    ['person beside the bicycle', only(phrase('person beside the bicycle', 'person', related('near', phrase('the bicycle', 'bicycle'))))],
    ['person inside a car', only(phrase('person inside a car', 'person', related('inside', phrase('a car', 'car'))))],
    ['person in the bus', only(phrase('person in the bus', 'person', related('inside', phrase('the bus', 'bus'))))],
    [
      'shiny blue car above the white truck',
      only(phrase('shiny blue car above the white truck', 'car', { colour: 'blue', ...related('above', phrase('the white truck', 'truck', { colour: 'white' })) }), ['shiny']),
    ],
    [
      'sign saying EXIT near the door',
      only(phrase('sign saying EXIT near the door', 'sign', { quotedText: 'EXIT', ...related('near', phrase('the door', 'door')) })),
    ],
    [
      'person near at least 2 cars',
      only(phrase('person near at least 2 cars', 'person', related('near', phrase('at least 2 cars', 'cars', { count: { op: '>=', n: 2 } })))),
    ],
    [
      'person left of red car near a tree',
      only(
        phrase('person left of red car near a tree', 'person', related('left_of', phrase('red car near a tree', 'car', { colour: 'red', ...related('near', phrase('a tree', 'tree')) }))),
      ),
    ],
    ['over 3 cars', only(phrase('over 3 cars', 'cars', { count: { op: '>', n: 3 } }))],
    // relations outside the set, clauses and unknown words
    ['cat on the sofa', only(phrase('cat on the sofa', 'cat'), ['on the sofa'])],
    ['car in front of the building', only(phrase('car in front of the building', 'car'), ['in front of the building'])],
    [
      'person holding an umbrella near a car',
      only(phrase('person holding an umbrella near a car', 'person', related('near', phrase('a car', 'car'))), ['holding an umbrella']),
    ],
    ['people walking', only(phrase('people walking', 'people'), ['walking'])],
    ['shiny', { phrases: [], unknown: ['shiny'] }],
    ['near the bus', { phrases: [], unknown: ['near the bus'] }],
    ['big shiny car', only(phrase('big shiny car', 'car'), ['big', 'shiny'])],
    // several phrases
    [
      'red cars and people near a bus',
      {
        phrases: [phrase('red cars', 'cars', { colour: 'red' }), phrase('people near a bus', 'people', related('near', phrase('a bus', 'bus')))],
        unknown: [],
      },
    ],
    [
      'shiny sign saying "EXIT", cars/trucks or 2 dogs',
      {
        phrases: [
          phrase('shiny sign saying "EXIT"', 'sign', { quotedText: 'EXIT' }),
          phrase('cars', 'cars'),
          phrase('trucks', 'trucks'),
          phrase('2 dogs', 'dogs', { count: { op: '>=', n: 2 } }),
        ],
        unknown: ['shiny'],
      },
    ],
    [
      'cat on the mat; shiny bikes',
      { phrases: [phrase('cat on the mat', 'cat'), phrase('shiny bikes', 'bikes')], unknown: ['on the mat', 'shiny'] },
    ],
  ];
  for (const [text, expected] of cases) {
    it(`parses ${JSON.stringify(text)}`, () => assert.deepEqual(parseQueryConstraints(text), expected));
  }

  it('takes collocations from isTerm as the head, adjectives included', () => {
    const terms = new Set(['hot dog', 'stop sign']);
    const isTerm = (words: readonly string[]) => terms.has(words.join(' '));
    assert.deepEqual(parseQueryConstraints('two hot dogs', { isTerm: (w) => isTerm(w) || w.join(' ') === 'hot dogs' }), only(phrase('two hot dogs', 'hot dogs', { count: { op: '>=', n: 2 } })));
    assert.deepEqual(parseQueryConstraints('parked stop sign', { isTerm }), only(phrase('parked stop sign', 'stop sign'), ['parked']));
    // without isTerm, compromise's adjective tag keeps `hot` out of the head
    assert.deepEqual(parseQueryConstraints('hot dog'), only(phrase('hot dog', 'dog'), ['hot']));
  });

  it('reports a second colour, count or quote of one phrase as unknown', () => {
    assert.deepEqual(
      parseQueryConstraints('3 red blue cars 4 "A" "B"'),
      only(phrase('3 red blue cars 4 "A" "B"', 'cars', { colour: 'red', count: { op: '>=', n: 3 }, quotedText: 'A' }), ['blue', '4', '"B"']),
    );
  });

  it('does not take apostrophes for quotes', () => {
    assert.deepEqual(parseQueryConstraints("the dog's ball"), only(phrase("the dog's ball", 'ball'), ["dog's"]));
  });
});

describe('basicColourName', () => {
  const cases: Array<[string, string | undefined]> = [
    ['red', 'red'], ['Grey', 'gray'], ['gray', 'gray'], ['reddish', 'red'], ['navy', 'blue'], ['shiny', undefined], ['constructor', undefined],
  ];
  for (const [word, expected] of cases) {
    it(`${word} → ${String(expected)}`, () => assert.equal(basicColourName(word), expected));
  }
});
