import nlp from 'compromise';
import { isStopWord } from './stop-words';

/** How a phrase's region count is compared with `n`. */
export type CountOp = '>=' | '<=' | '=' | '>' | '<';

/** A wanted number of regions: `at least 3 people` → `{ op: '>=', n: 3 }`. */
export interface CountConstraint {
  op: CountOp;
  n: number;
}

/** The spatial relations a query may ask for; anything else is reported as unknown. */
export type RelationKind = 'left_of' | 'right_of' | 'above' | 'below' | 'near' | 'inside';

/** `person left of car`: the phrase's regions must stand in `kind` to regions of `target`. */
export interface QueryRelation {
  kind: RelationKind;
  target: QueryPhrase;
}

/** One phrase of a query with the constraints the parser understood. */
export interface QueryPhrase {
  /** The phrase as written in the query, relation included (`people near a bus`). */
  text: string;
  /**
   * The noun (or noun compound) to ground, lowercased, possessive removed: `cars`, `sign`,
   * `traffic lights`. A phrase that is only a quote (`"EXIT"`) gets `text`.
   */
  head: string;
  /** A basic colour name (see {@link BASIC_COLOURS}); `grey` is spelled `gray`. */
  colour?: string;
  /** Text the region must show (OCR), as written between the quotes or after `saying`. */
  quotedText?: string;
  count?: CountConstraint;
  relation?: QueryRelation;
}

/** What {@link parseQueryConstraints} understood, and the words it did not. */
export interface ParsedQuery {
  phrases: QueryPhrase[];
  /**
   * Words neither head nor understood modifier, as written, in query order: single words
   * (`shiny`), or whole runs where the words only make sense together (an unsupported relation
   * such as `on the sofa`, a phrase with nothing to ground such as `near the bus`).
   */
  unknown: string[];
}

export interface ParseQueryOptions {
  /**
   * Whether some words form one term of the lexicon or a label (`hot dog`, `stop sign`), as the
   * query grounder's term check. Given, a head is the longest run (up to four words) ending at the
   * head noun that it accepts, and the other words are modifiers or unknown. Without it the head
   * takes the run of noun-like words before the head noun, since compromise tags compound parts
   * such as `stop` or `dining` as verbs.
   */
  isTerm?: (words: readonly string[]) => boolean;
}

/** The basic colour names a phrase's `colour` takes (Berlin & Kay's eleven). */
export const BASIC_COLOURS = [
  'red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'brown', 'black', 'white', 'gray',
] as const;

export type BasicColour = (typeof BASIC_COLOURS)[number];

/**
 * A bare number (`3 people`) means at least that many: a frame with four people does show three
 * people, detectors miss objects more often than they invent them, and `exactly 3 people` says
 * "exactly" when it is meant. Zero is the exception: `0 cars` means none (`=`).
 */
export const BARE_COUNT_OP: CountOp = '>=';

const COLOUR_WORDS: Readonly<Record<string, BasicColour>> = {
  ...Object.fromEntries(BASIC_COLOURS.map((c) => [c, c])),
  grey: 'gray',
  reddish: 'red', orangish: 'orange', orangey: 'orange', yellowish: 'yellow', greenish: 'green',
  bluish: 'blue', blueish: 'blue', purplish: 'purple', pinkish: 'pink', brownish: 'brown',
  blackish: 'black', whitish: 'white', greyish: 'gray', grayish: 'gray',
  // Unambiguous names whose basic colour nobody disputes; teal or cyan sit between two.
  crimson: 'red', scarlet: 'red', maroon: 'red', navy: 'blue', violet: 'purple', golden: 'yellow',
  gold: 'yellow', silver: 'gray', beige: 'brown',
};

/** Words that shade a following colour (`dark grey`); the basic colour is kept. */
const SHADES = new Set(['light', 'dark', 'bright', 'pale', 'deep']);
/** Words after a colour that add nothing (`red coloured`, `red-colored`). */
const COLOUR_NOUNS = new Set(['coloured', 'colored', 'colour', 'color']);
/** Vague plural quantities, read as at least two. */
const SEVERAL = new Set(['several', 'multiple', 'many', 'numerous']);

/**
 * The basic colour a colour word names, or undefined: `grey` → `gray`, `reddish` → `red`,
 * `navy` → `blue`.
 *
 * @example basicColourName('Grey') // 'gray'
 */
export function basicColourName(word: string): BasicColour | undefined {
  const key = word.trim().toLowerCase();
  return Object.hasOwn(COLOUR_WORDS, key) ? COLOUR_WORDS[key] : undefined;
}

interface Token {
  /** As written. */
  text: string;
  /** compromise's normal form, possessive removed. Empty for a quote. */
  norm: string;
  tags: ReadonlySet<string>;
  /** Offsets in the query text. */
  start: number;
  end: number;
  /** The quoted text, for a token that is a whole quote. */
  quote?: string;
}

type Cue<T> = readonly [words: readonly string[], value: T];

/** Longest first, so `in front of` wins over `in` and `on the left of` over `on`. */
function cueTable<T>(entries: ReadonlyArray<readonly [string, T]>): ReadonlyArray<Cue<T>> {
  return entries
    .map(([words, value]): Cue<T> => [words.split(' '), value])
    .sort((a, b) => b[0].length - a[0].length);
}

const SIDE_CUES: Array<[string, RelationKind]> = [];
for (const [side, kind] of [['left', 'left_of'], ['right', 'right_of']] as const) {
  for (const before of ['', 'to the ', 'on the ', 'at the ']) {
    for (const after of ['', ' side', ' hand side']) SIDE_CUES.push([`${before}${side}${after} of`, kind]);
  }
}

/**
 * Relation phrasings; `null` marks a preposition understood as a relation outside the supported
 * set, whose words go to `unknown` (`on` is not `above`: a sign on a wall is beside it in the image).
 */
const RELATION_CUES = cueTable<RelationKind | null>([
  ...SIDE_CUES,
  ['above', 'above'], ['over', 'above'], ['on top of', 'above'], ['atop', 'above'],
  ['below', 'below'], ['under', 'below'], ['underneath', 'below'], ['beneath', 'below'],
  ['near', 'near'], ['near to', 'near'], ['nearby', 'near'], ['close to', 'near'], ['close by', 'near'],
  ['next to', 'near'], ['beside', 'near'], ['by', 'near'], ['adjacent to', 'near'], ['alongside', 'near'],
  ['inside', 'inside'], ['inside of', 'inside'], ['in', 'inside'], ['within', 'inside'],
  ...[
    'on', 'at', 'behind', 'in front of', 'in back of', 'between', 'among', 'amongst', 'across', 'across from',
    'along', 'against', 'toward', 'towards', 'around', 'through', 'from', 'with', 'without', 'onto', 'into',
    'off', 'past', 'beyond', 'opposite', 'of', 'for', 'upon', 'via', 'outside', 'outside of', 'to', 'facing',
  ].map((words) => [words, null] as const),
]);

/** Words that introduce the text a region shows; `needsQuote` cues only count before a quote. */
const QUOTE_CUES = cueTable<{ needsQuote: boolean }>([
  ...['saying', 'says', 'reading', 'reads', 'labelled', 'labeled', 'marked', 'written'].map(
    (w) => [w, { needsQuote: false }] as const,
  ),
  ...['text', 'the text', 'word', 'words', 'the word', 'the words', 'writing', 'the writing'].map(
    (w) => [`with ${w}`, { needsQuote: false }] as const,
  ),
  ...['say', 'read', 'with'].map((w) => [w, { needsQuote: true }] as const),
]);

const COUNT_PREFIXES = cueTable<CountOp>([
  ...['at least', 'no less than', 'no fewer than', 'not less than', 'not fewer than', 'a minimum of', 'minimum of', 'minimum', 'min'].map(
    (w) => [w, '>='] as const,
  ),
  ...['at most', 'no more than', 'not more than', 'up to', 'a maximum of', 'maximum of', 'maximum', 'max'].map(
    (w) => [w, '<='] as const,
  ),
  ...['more than', 'greater than', 'over', 'above', 'in excess of'].map((w) => [w, '>'] as const),
  ...['fewer than', 'less than', 'under', 'below'].map((w) => [w, '<'] as const),
  ...['exactly', 'precisely', 'only', 'just'].map((w) => [w, '='] as const),
]);

const COUNT_SUFFIXES = cueTable<CountOp>([
  ...['or more', 'or greater', 'or above', 'or over'].map((w) => [w, '>='] as const),
  ...['or fewer', 'or less', 'or below', 'or under'].map((w) => [w, '<='] as const),
]);

/** Words splitQuery splits phrases on. */
const CONJUNCTIONS = new Set(['and', 'or', 'plus']);

/**
 * compromise tags that a head noun never carries (a mis-tagged noun comes out as a Verb); a
 * possessive (`people's bags`) qualifies the head rather than being part of it.
 */
const NON_HEAD_TAGS = [
  'Adjective', 'Adverb', 'Value', 'Determiner', 'Conjunction', 'Preposition', 'QuestionWord', 'Expression',
  'Pronoun', 'Negative', 'Copula', 'Possessive',
];

const MAX_HEAD_WORDS = 4;

/**
 * Parses a query into phrases with constraints: colour, quoted text, count and one spatial
 * relation per phrase. Quotes are read first (compromise tags a quoted `EXIT` after `saying` as a
 * verb), the rest is split into phrases as `splitQuery` does (`,` `;` `/` `&` `+` `|`
 * sentence punctuation, `and` `or` `plus`; but not `3 or more`), and each phrase is tagged by
 * compromise and read as
 *
 * `[count] [colour] [modifiers] head [quote] [relation target-phrase]`, where
 * - count: `3`, `three`, `3+`, `at least|no fewer than|minimum of N`, `at most|no more than|up to N`,
 *   `more than|over N`, `fewer than|less than|under N`, `exactly|only N`, `N or more|or fewer`,
 *   `no` (= 0), `several|multiple|many` (>= 2); a bare number is {@link BARE_COUNT_OP};
 * - colour: a colour word anywhere in the phrase (`cars that are red`), shades dropped (`dark grey` → gray);
 * - quote: `"…"`, `'…'`, `“…”`, `‘…’`, `«…»` anywhere in the phrase, or the words after `saying`,
 *   `says`, `reads`, `labelled`, `with the text` up to a relation (`sign saying EXIT near the door`);
 *   a phrase that is only a quote grounds `text`;
 * - relation: `left of`, `to the left (side) of` (and right), `above`, `over`, `on top of`, `below`,
 *   `under`, `beneath`, `near`, `next to`, `close to`, `beside`, `by`, `inside`, `in`, `within`; the
 *   target is parsed as a phrase itself. Other prepositions (`on`, `behind`, `in front of`, `with`)
 *   and participle clauses (`person holding an umbrella`) go to `unknown`, up to the next relation.
 *
 * The head is compromise's last noun of the phrase (or, as compromise mistakes `faces`, `text`,
 * `sign` for verbs, the last word no other tag claims), extended over the noun compound before it.
 * A phrase with no head (`near the bus`, `shiny`) is reported whole in `unknown`.
 *
 * @example
 * parseQueryConstraints('at least 3 red cars and people near a bus, shiny sign saying "EXIT"');
 * // phrases: { text: 'at least 3 red cars', head: 'cars', colour: 'red', count: { op: '>=', n: 3 } },
 * //   { text: 'people near a bus', head: 'people', relation: { kind: 'near', target: { text: 'a bus', head: 'bus' } } },
 * //   { text: 'shiny sign saying "EXIT"', head: 'sign', quotedText: 'EXIT' }
 * // unknown: ['shiny']
 */
export function parseQueryConstraints(text: string, options: ParseQueryOptions = {}): ParsedQuery {
  const quotes = findQuotes(text);
  const phrases: QueryPhrase[] = [];
  const unknown: Piece[] = [];
  for (const [from, to] of splitChunks(text, quotes)) {
    for (const tokens of splitConjunctions(tokenise(text, from, to, quotes))) {
      const parsed = parsePhrase(tokens, text, options);
      if (parsed.phrase) phrases.push(parsed.phrase);
      unknown.push(...parsed.unknown);
    }
  }
  return { phrases, unknown: unknown.sort((a, b) => a.start - b.start).map((p) => p.text) };
}

interface QuoteSpan {
  start: number;
  end: number;
  content: string;
}

/** Closing marks per opening mark; keyboards and word processors mix straight and curly ones. */
const QUOTE_CLOSERS: Readonly<Record<string, string>> = {
  '"': '"”“', '“': '”"“', '„': '“”"', '«': '»', '‹': '›', "'": "'’", '‘': '’\'', '`': "`'",
};
const APOSTROPHES = new Set(["'", '‘', '`']);

/**
 * Finds quoted runs. A single-quote mark only opens at the start of a word and closes at the end
 * of one (`'STOP'`, not `don't` or `the cars' wheels`), and must close; an unclosed double quote
 * runs to the end of the text.
 */
function findQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const closers = Object.hasOwn(QUOTE_CLOSERS, text[i]) ? QUOTE_CLOSERS[text[i]] : undefined;
    const single = APOSTROPHES.has(text[i]);
    if (closers !== undefined && (!single || opensWord(text, i))) {
      let j = i + 1;
      while (j < text.length && !(closers.includes(text[j]) && (!single || closesWord(text, j)))) j++;
      if (j < text.length || !single) {
        const end = Math.min(j + 1, text.length);
        spans.push({ start: i, end, content: text.slice(i + 1, j).trim() });
        i = end;
        continue;
      }
    }
    i++;
  }
  return spans;
}

function opensWord(text: string, i: number): boolean {
  return (i === 0 || /[\s([{<,;:]/.test(text[i - 1])) && i + 1 < text.length && !/\s/.test(text[i + 1]);
}

function closesWord(text: string, j: number): boolean {
  return !/\s/.test(text[j - 1]) && (j + 1 === text.length || /[\s)\]}>,;:.!?]/.test(text[j + 1]));
}

/** Cuts the text at phrase punctuation outside quotes; `3+`, `1,000` and `2.5` stay whole. */
function splitChunks(text: string, quotes: readonly QuoteSpan[]): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let start = 0;
  let q = 0;
  let i = 0;
  while (i < text.length) {
    if (q < quotes.length && i === quotes[q].start) {
      i = quotes[q].end;
      q++;
      continue;
    }
    const ch = text[i];
    const digitBefore = /\d/.test(text[i - 1] ?? '');
    const digitAfter = /\d/.test(text[i + 1] ?? '');
    const breaks =
      /[;/&|!?:\n]/.test(ch) || (ch === '+' && !digitBefore) || (/[,.]/.test(ch) && !(digitBefore && digitAfter));
    if (breaks) {
      chunks.push([start, i]);
      start = i + 1;
    }
    i++;
  }
  chunks.push([start, text.length]);
  return chunks;
}

interface NlpTerm {
  text: string;
  normal?: string;
  tags?: string[];
  offset: { start: number; length: number };
}

/** Tags the chunk with compromise (quotes blanked so they neither tag nor split) and puts the quotes back as tokens. */
function tokenise(text: string, from: number, to: number, quotes: readonly QuoteSpan[]): Token[] {
  const inside = quotes.filter((q) => q.start >= from && q.end <= to);
  let masked = text.slice(from, to);
  for (const q of inside) {
    masked = masked.slice(0, q.start - from) + ' '.repeat(q.end - q.start) + masked.slice(q.end - from);
  }
  const tokens: Token[] = [];
  const sentences = nlp(masked).json({ offset: true }) as Array<{ terms: NlpTerm[] }>;
  for (const term of sentences.flatMap((s) => s.terms)) {
    // compromise expands contractions into extra terms with no text of their own.
    if (!term.text) continue;
    const start = from + term.offset.start;
    const end = start + term.offset.length;
    const norm = (term.normal || term.text).toLowerCase().replace(/['’]s$/, '');
    tokens.push({ text: text.slice(start, end), norm, tags: new Set(term.tags ?? []), start, end });
  }
  for (const q of inside) {
    tokens.push({ text: text.slice(q.start, q.end), norm: '', tags: new Set(), start: q.start, end: q.end, quote: q.content });
  }
  return tokens.sort((a, b) => a.start - b.start);
}

function splitConjunctions(tokens: readonly Token[]): Token[][] {
  const phrases: Token[][] = [];
  let current: Token[] = [];
  tokens.forEach((t, i) => {
    // `3 or more people` is one count, not two phrases.
    const countSuffix = t.norm === 'or' && i > 0 && isNumberToken(tokens[i - 1]) && longestCue(tokens, i, COUNT_SUFFIXES);
    if (t.quote === undefined && CONJUNCTIONS.has(t.norm) && !countSuffix) {
      if (current.length) phrases.push(current);
      current = [];
    } else {
      current.push(t);
    }
  });
  if (current.length) phrases.push(current);
  return phrases;
}

function longestCue<T>(tokens: readonly Token[], i: number, table: ReadonlyArray<Cue<T>>): Cue<T> | undefined {
  return table.find(([words]) =>
    words.every((w, k) => i + k < tokens.length && tokens[i + k].quote === undefined && tokens[i + k].norm === w),
  );
}

function isNumberToken(t: Token): boolean {
  return t.quote === undefined && t.tags.has('Value') && !t.tags.has('Ordinal') && !t.tags.has('Fraction');
}

/** A count at `i`: optional comparison words, a number (digits or words), optional `or more`. */
function readCount(tokens: readonly Token[], i: number): { count: CountConstraint; end: number } | undefined {
  const prefix = longestCue(tokens, i, COUNT_PREFIXES);
  const first = i + (prefix?.[0].length ?? 0);
  let end = first;
  while (end < tokens.length && isNumberToken(tokens[end])) end++;
  if (end === first) return undefined;
  // compromise's numbers view turns digits and number words (`twenty one`) into values.
  const value = (nlp(tokens.slice(first, end).map((t) => t.text).join(' ')).numbers().get() as unknown[])[0];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
  const plus = tokens[end - 1].text.endsWith('+');
  const suffix = longestCue(tokens, end, COUNT_SUFFIXES);
  if (suffix) end += suffix[0].length;
  const op: CountOp = prefix?.[1] ?? (plus ? '>=' : undefined) ?? suffix?.[1] ?? (value === 0 ? '=' : BARE_COUNT_OP);
  return { count: { op, n: value }, end };
}

/** A supported relation at `i` (not `over 3`, which is a count). */
function relationAt(tokens: readonly Token[], i: number): Cue<RelationKind> | undefined {
  const cue = longestCue(tokens, i, RELATION_CUES);
  if (!cue || cue[1] === null || readCount(tokens, i)) return undefined;
  return [cue[0], cue[1]];
}

function nextRelation(tokens: readonly Token[], from: number): number {
  let j = from;
  while (j < tokens.length && !relationAt(tokens, j)) j++;
  return j;
}

interface Piece {
  start: number;
  text: string;
}

function span(source: string, tokens: readonly Token[], from: number, to: number): Piece {
  return { start: tokens[from].start, text: source.slice(tokens[from].start, tokens[to - 1].end) };
}

function parsePhrase(
  tokens: readonly Token[],
  source: string,
  options: ParseQueryOptions,
): { phrase?: QueryPhrase; unknown: Piece[] } {
  const words: Token[] = [];
  const unknown: Piece[] = [];
  let count: CountConstraint | undefined;
  let quotedText: string | undefined;
  let relation: QueryRelation | undefined;
  const takeQuote = (piece: Piece, content: string): void => {
    if (quotedText === undefined && content !== '') quotedText = content;
    else unknown.push(piece);
  };

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.quote !== undefined) {
      takeQuote(span(source, tokens, i, i + 1), t.quote);
      i++;
      continue;
    }
    const counted = readCount(tokens, i);
    if (counted) {
      if (count === undefined) count = counted.count;
      else unknown.push(span(source, tokens, i, counted.end));
      i = counted.end;
      continue;
    }
    const related = relationAt(tokens, i);
    if (related) {
      const target = parsePhrase(tokens.slice(i + related[0].length), source, options);
      if (target.phrase) {
        relation = { kind: related[1], target: target.phrase };
        unknown.push(...target.unknown);
      } else {
        unknown.push(span(source, tokens, i, tokens.length));
      }
      break;
    }
    const cue = longestCue(tokens, i, QUOTE_CUES);
    const after = i + (cue?.[0].length ?? 0);
    if (cue && tokens[after]?.quote !== undefined) {
      takeQuote(span(source, tokens, i, after + 1), tokens[after].quote ?? '');
      i = after + 1;
      continue;
    }
    if (cue && !cue[1].needsQuote && after < tokens.length && !relationAt(tokens, after)) {
      // Unquoted: the text runs to the next relation (`sign saying EXIT near the door`).
      const end = nextRelation(tokens, after);
      takeQuote(span(source, tokens, i, end), span(source, tokens, after, end).text.trim());
      i = end;
      continue;
    }
    const other = longestCue(tokens, i, RELATION_CUES);
    const preposition = other !== undefined || (t.tags.has('Preposition') && !isStopWord(t.norm) && t.norm !== 'than');
    // `person holding an umbrella`: a participle after the noun starts a clause, not the head.
    // compromise tags `holding` in `person holding an umbrella` as a noun, hence the `-ing the` rule.
    const participle =
      (t.tags.has('Verb') && (t.tags.has('Gerund') || t.tags.has('PastTense'))) ||
      (t.norm.endsWith('ing') && tokens[i + 1]?.tags.has('Determiner') === true);
    const clause = participle && i > 0 && words.at(-1) === tokens[i - 1] && tokens[i - 1].tags.has('Noun');
    if (preposition || clause) {
      const end = nextRelation(tokens, i + Math.max(1, other?.[0].length ?? 1));
      unknown.push(span(source, tokens, i, end));
      i = end;
      continue;
    }
    words.push(t);
    i++;
  }

  const np = readNounPhrase(words, count, options, quotedText !== undefined);
  unknown.push(...np.unknown.map((t) => ({ start: t.start, text: t.text })));
  const head = np.head ?? (quotedText !== undefined ? 'text' : undefined);
  if (head === undefined) {
    // Leading request words (`show me`) are not reported; a leading relation (`near the bus`) is.
    const first = tokens.findIndex(
      (t, k) => t.quote !== undefined || !isStopWord(t.norm) || longestCue(tokens, k, RELATION_CUES) !== undefined,
    );
    return { unknown: first < 0 ? [] : [span(source, tokens, first, tokens.length)] };
  }
  const phrase: QueryPhrase = { text: span(source, tokens, 0, tokens.length).text, head };
  if (np.colour !== undefined) phrase.colour = np.colour;
  if (quotedText !== undefined) phrase.quotedText = quotedText;
  if (np.count !== undefined) phrase.count = np.count;
  if (relation !== undefined) phrase.relation = relation;
  return { phrase, unknown };
}

type Role = 'stop' | 'colour' | 'shade' | 'quantity' | 'candidate' | 'other' | 'head';

/** Picks the head among the words left after counts, quotes and relations, and reads the modifiers. */
function readNounPhrase(
  words: readonly Token[],
  count: CountConstraint | undefined,
  options: ParseQueryOptions,
  quoted: boolean,
): { head?: string; colour?: BasicColour; count?: CountConstraint; unknown: Token[] } {
  const roles: Role[] = words.map((t, k) => {
    if (isStopWord(t.norm)) return 'stop';
    if (basicColourName(t.norm)) return 'colour';
    if (SHADES.has(t.norm) && k + 1 < words.length && basicColourName(words[k + 1].norm)) return 'shade';
    if (COLOUR_NOUNS.has(t.norm) && k > 0 && basicColourName(words[k - 1].norm)) return 'shade';
    if (t.norm === 'how' && words[k + 1]?.norm === 'many') return 'stop';
    if (t.norm === 'many' && words[k - 1]?.norm === 'how') return 'stop';
    if (t.norm === 'no' || SEVERAL.has(t.norm)) return 'quantity';
    return NON_HEAD_TAGS.some((tag) => t.tags.has(tag)) ? 'other' : 'candidate';
  });

  let h = -1;
  for (let k = words.length - 1; k >= 0 && h < 0; k--) if (roles[k] === 'candidate' && words[k].tags.has('Noun')) h = k;
  for (let k = words.length - 1; k >= 0 && h < 0; k--) if (roles[k] === 'candidate') h = k;
  // `an orange`: a colour word with nothing else to ground is the thing itself (`red "EXIT"` is red text).
  for (let k = words.length - 1; k >= 0 && h < 0 && !quoted; k--) if (roles[k] === 'colour') h = k;

  let head: string | undefined;
  if (h >= 0) {
    let first = h;
    if (options.isTerm) {
      for (let n = Math.min(MAX_HEAD_WORDS, h + 1); n >= 2; n--) {
        const run = words.slice(h - n + 1, h + 1);
        if (roles[h - n + 1] !== 'stop' && options.isTerm(run.map((t) => t.norm))) {
          first = h - n + 1;
          break;
        }
      }
    } else {
      while (first > 0 && roles[first - 1] === 'candidate') first--;
    }
    for (let k = first; k <= h; k++) roles[k] = 'head';
    head = words.slice(first, h + 1).map((t) => t.norm).join(' ');
  }

  let colour: BasicColour | undefined;
  let counted = count;
  const unknown: Token[] = [];
  words.forEach((t, k) => {
    const role = roles[k];
    if (role === 'colour') {
      const c = basicColourName(t.norm);
      if (colour === undefined || colour === c) colour = c;
      else unknown.push(t);
    } else if (role === 'quantity') {
      if (counted === undefined) counted = t.norm === 'no' ? { op: '=', n: 0 } : { op: '>=', n: 2 };
      else unknown.push(t);
    } else if (role === 'candidate' || role === 'other') {
      unknown.push(t);
    }
  });
  const out: { head?: string; colour?: BasicColour; count?: CountConstraint; unknown: Token[] } = { unknown };
  if (head !== undefined) out.head = head;
  if (colour !== undefined) out.colour = colour;
  if (counted !== undefined) out.count = counted;
  return out;
}
