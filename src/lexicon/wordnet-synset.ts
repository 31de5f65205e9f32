/** One synset line of a WordNet `data.<pos>` file, reduced to what grounding uses. */
export interface WordNetSynset {
  /** Byte offset of the line in its data file, 8 digits, as the index files spell it. */
  offset: string;
  /** Lemmas as stored (case kept, `_` for spaces). */
  words: string[];
  /** Offsets of noun hypernyms, `@` and `@i` pointers. */
  hypernyms: string[];
  gloss: string;
}

/**
 * Parses `offset lex_filenum ss_type w_cnt word lex_id... p_cnt ptr... | gloss` (w_cnt is hex,
 * p_cnt decimal, each pointer is `symbol offset pos source/target`).
 */
export function parseWordNetSynset(line: string): WordNetSynset {
  const bar = line.indexOf(' | ');
  const head = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
  const gloss = bar < 0 ? '' : line.slice(bar + 3).trim();
  const wordCount = parseInt(head[3], 16);
  const words: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w++, i += 2) words.push(head[i]);
  const pointerCount = Number(head[i++]);
  const hypernyms: string[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    const symbol = head[i];
    if ((symbol === '@' || symbol === '@i') && head[i + 2] === 'n') hypernyms.push(head[i + 1]);
  }
  return { offset: head[0], words, hypernyms, gloss };
}
