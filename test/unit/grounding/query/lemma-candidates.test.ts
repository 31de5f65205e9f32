import assert from 'node:assert/strict';
import { lemmaCandidates } from '../../../../src/grounding/query/lemma-candidates';

describe('lemmaCandidates', () => {
  // Each expected form must be among the candidates (others may be there: the lexicon filters).
  const cases: Array<[string[], string[]]> = [
    [['car'], ['car']],
    [['cars'], ['cars', 'car']],
    [['People'], ['people', 'person']],
    [['men'], ['men', 'man']],
    [['women'], ['woman']],
    [['children'], ['child']],
    [['mice'], ['mouse']],
    [['geese'], ['goose']],
    [['knives'], ['knife']],
    [['buses'], ['bus']],
    [['boxes'], ['box']],
    [['benches'], ['bench']],
    [['brushes'], ['brush']],
    [['lorries'], ['lorry']],
    [['glasses'], ['glasses', 'glass']],
    [['traffic', 'lights'], ['traffic_lights', 'traffic_light']],
    [['Teddy', 'Bears'], ['teddy_bear']],
    [['hot-dogs'], ['hot-dogs', 'hot-dog', 'hot_dog']],
  ];
  for (const [words, expected] of cases) {
    it(`${words.join(' ')} → ${expected.join(', ')}`, () => {
      const got = lemmaCandidates(words);
      for (const form of expected) assert.ok(got.includes(form), `${form} not in ${got.join(', ')}`);
      assert.equal(got[0], words.join('_').toLowerCase(), 'the form as written comes first');
      assert.equal(new Set(got).size, got.length, 'no duplicates');
    });
  }
});
