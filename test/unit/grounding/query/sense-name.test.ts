import assert from 'node:assert/strict';
import { resolveSenseName } from '../../../../src/grounding/query/sense-name';
import { createMemoryLexicon, MINI_WORDNET } from './memory-lexicon';

describe('resolveSenseName', () => {
  const lexicon = createMemoryLexicon(MINI_WORDNET);
  const cases: Array<[string, string | undefined]> = [
    ['kite.n.01', 'kite-check'],
    ['kite.n.02', 'kite-toy'],
    ['kite.n.3', 'kite-hawk'],
    ['kite.n.04', undefined],
    ['kite.n.00', undefined],
    ['traffic_light.n.01', 'traffic_light'],
    ['stoplight.n.01', 'traffic_light'],
    ['unicorn.n.01', undefined],
    ['kite', undefined],
    ['kite.v.01', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(resolveSenseName(lexicon, name), expected));
  }

  it('round-trips through senseName for a first lemma', () => {
    for (const name of ['kite.n.02', 'dog.n.01', 'frump.n.01', 'person.n.01']) {
      const sense = resolveSenseName(lexicon, name);
      assert.ok(sense);
      assert.equal(lexicon.senseName(sense), name);
    }
  });
});
