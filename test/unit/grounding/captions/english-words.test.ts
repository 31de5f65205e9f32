import assert from 'node:assert/strict';
import { countedNoun, indefiniteArticle, isPairNoun, numberWord, pluralNoun } from '../../../../src/grounding/captions';

describe('pluralNoun', () => {
  const cases: [string, string][] = [
    ['car', 'cars'],
    ['person', 'people'],
    ['Person', 'People'],
    ['bus', 'buses'],
    ['mouse', 'mice'],
    ['knife', 'knives'],
    ['sheep', 'sheep'],
    ['child', 'children'],
    ['wine glass', 'wine glasses'],
    ['box', 'boxes'],
    ['sandwich', 'sandwiches'],
    ['toothbrush', 'toothbrushes'],
    ['lorry', 'lorries'],
    ['toy', 'toys'],
    ['potato', 'potatoes'],
    ['radio', 'radios'],
    ['traffic light', 'traffic lights'],
    ['computer mouse', 'computer mice'],
    ['bowl of fruit', 'bowls of fruit'],
    ['skis', 'skis'],
    ['scissors', 'scissors'],
    ['constructor', 'constructors'], // an Object.prototype key is not an irregular
  ];
  for (const [singular, plural] of cases) it(`${singular} → ${plural}`, () => assert.equal(pluralNoun(singular), plural));
});

describe('indefiniteArticle', () => {
  const cases: [string, string][] = [
    ['car', 'a'],
    ['umbrella', 'an'],
    ['orange car', 'an'],
    ['elephant', 'an'],
    ['unicorn', 'a'],
    ['uniform', 'a'],
    ['european car', 'a'],
    ['one-way sign', 'a'],
    ['hour', 'an'],
    ['horse', 'a'],
    ['Apple', 'an'],
  ];
  for (const [word, article] of cases) it(`${article} ${word}`, () => assert.equal(indefiniteArticle(word), article));
});

describe('numberWord', () => {
  const cases: [number, string][] = [
    [0, 'zero'],
    [1, 'one'],
    [2, 'two'],
    [7, 'seven'],
    [10, 'ten'],
    [11, '11'],
    [120, '120'],
  ];
  for (const [n, word] of cases) it(`${n} → ${word}`, () => assert.equal(numberWord(n), word));
});

describe('countedNoun', () => {
  const cases: { count: number; noun: string; adjective?: string; phrase: string }[] = [
    { count: 1, noun: 'car', phrase: 'a car' },
    { count: 1, noun: 'car', adjective: 'orange', phrase: 'an orange car' },
    { count: 1, noun: 'umbrella', adjective: 'red', phrase: 'a red umbrella' },
    { count: 1, noun: 'umbrella', phrase: 'an umbrella' },
    { count: 3, noun: 'person', phrase: 'three people' },
    { count: 2, noun: 'bus', adjective: 'yellow', phrase: 'two yellow buses' },
    { count: 10, noun: 'mouse', phrase: 'ten mice' },
    { count: 11, noun: 'car', phrase: '11 cars' },
    { count: 1, noun: 'skis', phrase: 'a pair of skis' },
    { count: 2, noun: 'skis', adjective: 'red', phrase: 'two pairs of red skis' },
  ];
  for (const { count, noun, adjective, phrase } of cases) it(phrase, () => assert.equal(countedNoun(count, noun, adjective), phrase));

  it('isPairNoun looks at the head word', () => {
    assert.equal(isPairNoun('scissors'), true);
    assert.equal(isPairNoun('garden scissors'), true);
    assert.equal(isPairNoun('bus'), false);
  });
});
