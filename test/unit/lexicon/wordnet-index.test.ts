import assert from 'node:assert/strict';
import { indexEntryOffsets, parseWordNetIndex } from '../../../src/lexicon/wordnet-index';

describe('parseWordNetIndex / indexEntryOffsets', () => {
  const text = [
    '  1 This software and database is being provided to you, the LICENSEE, by  ',
    '  2 Princeton University under the following license.  ',
    'car n 5 6 @ ~ #m #p %p - 5 2 02961779 02963378 02963937 02963788 02937835  ',
    'traffic_light n 1 2 @ ~ 1 0 06887235  ',
    'kite n 4 3 @ ~ #m 4 0 06538178 06537880 03626625 01610834  ',
  ].join('\n');

  it('keys entries by lemma, in byte order, and skips the license header', () => {
    const index = parseWordNetIndex(text);
    assert.deepEqual([...index.keys()], ['car', 'kite', 'traffic_light']);
    assert.equal(index.size, 3);
  });

  // a sorted file (as WordNet's are) with lemmas that are prefixes of one another
  const sorted = ['a n 1 0 1 0 00000001', 'car n 1 0 1 0 00000002', 'car_door n 1 0 1 0 00000003', 'card n 1 0 1 0 00000004', 'cars n 1 0 1 0 00000005'].join('\n');
  const lookups: Array<[string, string | undefined]> = [
    ['car', 'n 1 0 1 0 00000002'],
    ['car_door', 'n 1 0 1 0 00000003'],
    ['card', 'n 1 0 1 0 00000004'],
    ['cars', 'n 1 0 1 0 00000005'],
    ['a', 'n 1 0 1 0 00000001'],
    ['ca', undefined],
    ['cardboard', undefined],
    ['', undefined],
    ['zebra', undefined],
    ['car n', undefined],
  ];
  for (const [lemma, entry] of lookups) {
    it(`finds ${JSON.stringify(lemma)} by binary search, sorted or not`, () => {
      assert.equal(parseWordNetIndex(sorted).get(lemma), entry);
      assert.equal(parseWordNetIndex(sorted).has(lemma), entry !== undefined);
      const shuffled = sorted.split('\n').reverse().join('\n');
      assert.equal(parseWordNetIndex(shuffled).get(lemma), entry);
    });
  }

  it('keeps the later line of a lemma listed twice in an unsorted file', () => {
    assert.equal(parseWordNetIndex('b n 1 0 1 0 00000001\na n 1 0 1 0 00000002\nb n 1 0 1 0 00000003').get('b'), 'n 1 0 1 0 00000003');
  });

  const cases: Array<[string, string[]]> = [
    ['car', ['02961779', '02963378', '02963937', '02963788', '02937835']],
    ['traffic_light', ['06887235']],
    ['kite', ['06538178', '06537880', '03626625', '01610834']],
  ];
  for (const [lemma, offsets] of cases) {
    it(`reads the synset offsets of ${lemma} in sense order`, () => {
      assert.deepEqual(indexEntryOffsets(parseWordNetIndex(text).get(lemma) ?? ''), offsets);
    });
  }

  it('reads nothing from a malformed entry', () => {
    assert.deepEqual(indexEntryOffsets('n x'), []);
    assert.deepEqual(indexEntryOffsets('n 3 0 1 0 00000001'), []);
  });

  it('handles a file without a trailing newline and with CRLF-free blank lines', () => {
    assert.deepEqual([...parseWordNetIndex('a n 1 0 1 0 00000001  \n\nb n 1 0 1 0 00000002').keys()], ['a', 'b']);
  });
});
