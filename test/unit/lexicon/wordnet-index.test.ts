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

  it('keys entries by lemma and skips the license header', () => {
    const index = parseWordNetIndex(text);
    assert.deepEqual([...index.keys()], ['car', 'traffic_light', 'kite']);
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
