/**
 * Splits a query into its phrases, each a list of words: phrases are separated by `,` `;` `/`
 * `&` `+` `|` sentence punctuation and the words `and`, `or`, `plus`. Quotes, brackets and a
 * trailing possessive are removed; case is kept (the caller lowercases for lookup).
 *
 * @example splitQuery('people and cars; the dogs') // [['people'], ['cars'], ['the', 'dogs']]
 */
export function splitQuery(text: string): string[][] {
  const phrases: string[][] = [];
  for (const part of text.split(/[,;/&+|.!?:\n]+/)) {
    let words: string[] = [];
    for (const raw of part.split(/\s+/)) {
      const word = raw
        .replace(/^["'“”‘’()[\]{}<>*]+|["'“”‘’()[\]{}<>*]+$/g, '')
        .replace(/['’]s$/i, '');
      if (word === '') continue;
      if (/^(and|or|plus)$/i.test(word)) {
        if (words.length) phrases.push(words);
        words = [];
      } else {
        words.push(word);
      }
    }
    if (words.length) phrases.push(words);
  }
  return phrases;
}
