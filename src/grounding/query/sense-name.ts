import type { Lexicon, SenseId } from './lexicon';

const SENSE_NAME = /^(.+)\.n\.(\d+)$/;

/**
 * The sense a name such as `mouse.n.04` denotes: the 4th noun sense of `mouse` in the lexicon's
 * sense order (WordNet/NLTK naming). Undefined when the lemma or the number does not exist.
 */
export function resolveSenseName(lexicon: Lexicon, name: string): SenseId | undefined {
  const m = SENSE_NAME.exec(name.trim());
  if (!m) return undefined;
  const n = Number(m[2]);
  return n >= 1 ? lexicon.nounSenses(m[1])[n - 1] : undefined;
}
