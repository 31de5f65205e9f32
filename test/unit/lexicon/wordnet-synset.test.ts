import assert from 'node:assert/strict';
import { parseWordNetSynset } from '../../../src/lexicon/wordnet-synset';

describe('parseWordNetSynset', () => {
  it('reads words, noun hypernyms (@ and @i) and the gloss', () => {
    const line =
      '02961779 06 n 05 car 0 auto 0 automobile 0 machine 0 motorcar 0 034 @ 03796768 n 0000 ' +
      '@i 09999999 n 0000 ~ 02816314 n 0000 %p 02688749 n 0000 + 01932920 v 0102 @ 01234567 v 0000 ' +
      '| a motor vehicle with four wheels; "he needs a car to get to work"  ';
    // p_cnt says 034 but only 6 pointers follow in this trimmed line: parsing must stop at the gloss.
    const s = parseWordNetSynset(line.replace(' 034 ', ' 006 '));
    assert.equal(s.offset, '02961779');
    assert.deepEqual(s.words, ['car', 'auto', 'automobile', 'machine', 'motorcar']);
    assert.deepEqual(s.hypernyms, ['03796768', '09999999']);
    assert.equal(s.gloss, 'a motor vehicle with four wheels; "he needs a car to get to work"');
  });

  it('reads a hexadecimal word count', () => {
    const words = Array.from({ length: 16 }, (_, i) => `w${i} 0`).join(' ');
    const s = parseWordNetSynset(`00000001 03 n 10 ${words} 000 | sixteen lemmas`);
    assert.equal(s.words.length, 16);
    assert.equal(s.words[15], 'w15');
    assert.deepEqual(s.hypernyms, []);
  });

  it('keeps the case of proper-noun lemmas', () => {
    assert.deepEqual(parseWordNetSynset('00000002 05 n 02 dog 0 Canis_familiaris 0 000 | x').words, ['dog', 'Canis_familiaris']);
  });
});
