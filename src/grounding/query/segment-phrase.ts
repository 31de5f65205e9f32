import { isStopWord } from './stop-words';

/** A run of query words looked up as one unit: a word or a collocation such as `traffic lights`. */
export interface QuerySegment {
  /** The words as written, joined by single spaces. */
  text: string;
  words: string[];
}

/** Longest collocation tried, in words; WordNet's noun collocations rarely go past four. */
export const MAX_COLLOCATION_WORDS = 4;

/**
 * Cuts a phrase's words into segments, preferring at each position the longest run of two or
 * more words that `isTerm` accepts (a lexicon noun or a label name), then single words. A run
 * may hold stop words inside (`man of war`) but not at either end; a lone stop word is dropped.
 *
 * @example segmentPhrase(['the', 'traffic', 'lights'], isNoun) // [{ text: 'traffic lights', ... }]
 */
export function segmentPhrase(words: readonly string[], isTerm: (words: readonly string[]) => boolean): QuerySegment[] {
  const out: QuerySegment[] = [];
  let i = 0;
  while (i < words.length) {
    let taken = 0;
    if (!isStopWord(words[i])) {
      for (let n = Math.min(MAX_COLLOCATION_WORDS, words.length - i); n >= 2; n--) {
        const run = words.slice(i, i + n);
        if (!isStopWord(run[n - 1]) && isTerm(run)) {
          taken = n;
          break;
        }
      }
      if (taken === 0) taken = 1;
      const run = words.slice(i, i + taken);
      out.push({ text: run.join(' '), words: run });
    } else {
      taken = 1;
    }
    i += taken;
  }
  return out;
}
