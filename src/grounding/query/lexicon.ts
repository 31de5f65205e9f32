/**
 * Opaque identifier of one noun sense (a WordNet synset). Only the lexicon that produced it can
 * interpret it; compare ids for equality, print them with `senseName`.
 */
export type SenseId = string;

/**
 * The slice of a lexical database that query grounding needs: noun senses of a lemma and the
 * "is a kind of" links between senses. Lemmas are lowercase with `_` for spaces
 * (`traffic_light`), as WordNet stores collocations.
 */
export interface Lexicon {
  /** True when the lemma has at least one noun sense. */
  hasNoun(lemma: string): boolean;
  /** Noun senses of the lemma, most frequent first (WordNet's sense order); empty when unknown. */
  nounSenses(lemma: string): readonly SenseId[];
  /** Direct hypernyms of a sense: classes (`@`) and, for instances, their class (`@i`). */
  hypernyms(sense: SenseId): readonly SenseId[];
  /** Stable printable name: first lemma + its sense number, e.g. `car.n.01`. */
  senseName(sense: SenseId): string;
  /** Lemmas of the sense in the database's order, e.g. `['car', 'auto', 'automobile', ...]`. */
  lemmas(sense: SenseId): readonly string[];
  /** Definition text of the sense, for people and for tests that check a pin. */
  gloss(sense: SenseId): string;
}
