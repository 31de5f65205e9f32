// Nouns whose plural is not the regular -s/-es. Labels come from detector vocabularies (COCO, LVIS,
// Objects365), so the table holds what those name, not a dictionary.
const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map(Object.entries({
  person: 'people',
  man: 'men',
  woman: 'women',
  child: 'children',
  mouse: 'mice',
  goose: 'geese',
  foot: 'feet',
  tooth: 'teeth',
  ox: 'oxen',
  sheep: 'sheep',
  deer: 'deer',
  fish: 'fish',
  bison: 'bison',
  aircraft: 'aircraft',
  knife: 'knives',
  leaf: 'leaves',
  loaf: 'loaves',
  shelf: 'shelves',
  wolf: 'wolves',
  calf: 'calves',
  half: 'halves',
  life: 'lives',
  wife: 'wives',
  potato: 'potatoes',
  tomato: 'tomatoes',
  hero: 'heroes',
  cactus: 'cacti',
}));

// Nouns that are already plural and name one thing: one is "a pair of skis", not "a skis".
const PAIR_NOUNS: ReadonlySet<string> = new Set(['skis', 'scissors', 'glasses', 'trousers', 'jeans', 'pants', 'shorts', 'pliers', 'binoculars', 'sunglasses']);

// Words that start with a vowel letter but a consonant sound ("a unicorn", "a one-way sign"), and
// the reverse ("an hour").
const A_BEFORE_VOWEL = /^(uni|use|usu|uti|ura|uro|eu|ewe|one|once)/;
const AN_BEFORE_H = /^(hour|honest|honou?r|heir)/;

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * A count in words up to ten ("three"), in digits above ("11"): the usual style-guide rule.
 *
 * @example
 * numberWord(3)  // 'three'
 * numberWord(12) // '12'
 */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 10 ? NUMBER_WORDS[n]! : String(n);
}

/**
 * The plural of a noun or a label. In a compound the head is pluralised: the last word
 * ("traffic lights"), or the word before "of" ("bowls of fruit"). Rules, in order: the irregular
 * table (person → people, mouse → mice, knife → knives, sheep → sheep, …); plural-only nouns stay
 * (skis, scissors); -s, -x, -z, -ch, -sh add "es" (bus → buses, glass → glasses); consonant + y
 * becomes "ies" (lorry → lorries); everything else adds "s". Matching ignores case; the result keeps
 * the label's spelling.
 *
 * @example
 * pluralNoun('person')        // 'people'
 * pluralNoun('bus')           // 'buses'
 * pluralNoun('traffic light') // 'traffic lights'
 */
export function pluralNoun(noun: string): string {
  const words = noun.split(' ');
  const of = words.indexOf('of');
  const head = of > 0 ? of - 1 : words.length - 1;
  words[head] = pluralWord(words[head]!);
  return words.join(' ');
}

function pluralWord(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR_PLURALS.get(lower);
  if (irregular !== undefined) return word.slice(0, 1) + irregular.slice(1);
  if (PAIR_NOUNS.has(lower) || word === '') return word;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${word}es`;
  if (/[^aeiou]y$/.test(lower)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/**
 * "a" or "an" for the word that follows, by its first sound as far as spelling tells: "an" before a
 * vowel letter except where it sounds as a consonant ("a unicorn", "a European"), and before a
 * silent h ("an hour").
 *
 * @example
 * indefiniteArticle('orange') // 'an'
 * indefiniteArticle('red')    // 'a'
 */
export function indefiniteArticle(word: string): 'a' | 'an' {
  const lower = word.toLowerCase();
  if (AN_BEFORE_H.test(lower)) return 'an';
  if (/^[aeiou]/.test(lower) && !A_BEFORE_VOWEL.test(lower)) return 'an';
  return 'a';
}

/**
 * A counted noun phrase: "a red car", "an umbrella", "three people", "11 cars", and for plural-only
 * nouns "a pair of skis" / "two pairs of red skis". The adjective (a colour) goes just before the
 * noun; the article agrees with whatever word follows it.
 *
 * @example
 * countedNoun(1, 'car', 'red') // 'a red car'
 * countedNoun(3, 'person')     // 'three people'
 */
export function countedNoun(count: number, noun: string, adjective?: string): string {
  const described = adjective ? `${adjective} ${noun}` : noun;
  if (isPairNoun(noun)) {
    const pairs = count === 1 ? 'pair' : 'pairs';
    return `${count === 1 ? 'a' : numberWord(count)} ${pairs} of ${described}`;
  }
  if (count === 1) return `${indefiniteArticle(described)} ${described}`;
  return `${numberWord(count)} ${adjective ? `${adjective} ` : ''}${pluralNoun(noun)}`;
}

/**
 * Whether a noun is plural-only (skis, scissors): it takes "a pair of" and a plural verb.
 *
 * @example
 * isPairNoun('scissors') // true
 */
export function isPairNoun(noun: string): boolean {
  const words = noun.toLowerCase().split(' ');
  return PAIR_NOUNS.has(words[words.length - 1]!);
}
