/**
 * Words a query uses to ask rather than to name: articles, quantifiers, request verbs, pronouns,
 * prepositions. Several are WordNet nouns too (`in` = inch, `me` = Maine, `it`, `are`, `find`),
 * which is why they are dropped before lookup instead of being reported as ungroundable.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'all', 'any', 'every', 'each', 'some', 'both', 'only', 'just', 'also', 'other', 'others',
  'everything', 'anything',
  'find', 'show', 'detect', 'locate', 'track', 'highlight', 'look', 'search', 'get', 'give', 'see', 'count',
  'want', 'need', 'please',
  'me', 'i', 'we', 'us', 'you', 'my', 'our', 'your', 'their', 'them', 'it', 'its', 'his', 'her',
  'this', 'that', 'these', 'those', 'there', 'here', 'where', 'which', 'who', 'what',
  'is', 'are', 'be', 'was', 'were',
  'with', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'near', 'into', 'onto', 'like',
]);

/** True for a stop word or a bare number (counts such as "2 cars" name nothing). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase()) || /^\d+([.,]\d+)?$/.test(word);
}
