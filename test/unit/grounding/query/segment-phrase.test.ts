import assert from 'node:assert/strict';
import { segmentPhrase } from '../../../../src/grounding/query/segment-phrase';

describe('segmentPhrase', () => {
  const terms = new Set(['traffic_light', 'man_of_war', 'fire_hydrant', 'hot_dog', 'new_york_stock_exchange', 'light']);
  const isTerm = (words: readonly string[]) => terms.has(words.join('_').toLowerCase());

  const cases: Array<[string, string[]]> = [
    ['traffic light', ['traffic light']],
    ['the traffic light', ['traffic light']],
    ['red traffic light', ['red', 'traffic light']],
    ['traffic', ['traffic']],
    ['man of war', ['man of war']],
    ['man of', ['man']],
    ['fire hydrant hot dog', ['fire hydrant', 'hot dog']],
    ['the New York Stock Exchange', ['New York Stock Exchange']],
    ['show me all of the', []],
    ['2 light', ['light']],
    ['the light of the', ['light']],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
      const got = segmentPhrase(text.split(' '), isTerm);
      assert.deepEqual(got.map((s) => s.text), expected);
      for (const s of got) assert.equal(s.words.join(' '), s.text);
    });
  }
});
