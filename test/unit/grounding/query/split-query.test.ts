import assert from 'node:assert/strict';
import { splitQuery } from '../../../../src/grounding/query/split-query';

describe('splitQuery', () => {
  const cases: Array<[string, string[][]]> = [
    ['', []],
    ['   ', []],
    ['person', [['person']]],
    ['people and cars', [['people'], ['cars']]],
    ['cats or dogs', [['cats'], ['dogs']]],
    ['cars, trucks; buses / bikes & boats + planes | trains', [['cars'], ['trucks'], ['buses'], ['bikes'], ['boats'], ['planes'], ['trains']]],
    ['red cars AND  the traffic lights', [['red', 'cars'], ['the', 'traffic', 'lights']]],
    ['find dogs. Then cats!', [['find', 'dogs'], ['Then', 'cats']]],
    ['"teddy bears" (and) kites?', [['teddy', 'bears'], ['kites']]],
    ["the dog's ball", [['the', 'dog', 'ball']]],
    ['and, or ,', []],
    ['hot-dogs', [['hot-dogs']]],
  ];
  for (const [text, expected] of cases) {
    it(`splits ${JSON.stringify(text)}`, () => assert.deepEqual(splitQuery(text), expected));
  }
});
