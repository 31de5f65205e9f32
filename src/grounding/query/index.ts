export { COCO80_KIND_OF, COCO80_LABEL_SENSES } from './coco80-senses';
export { formatQueryPlan } from './format-query-plan';
export { toLabelPhraseMap } from './label-phrase-map';
export { lemmaCandidates } from './lemma-candidates';
export type { Lexicon, SenseId } from './lexicon';
export {
  createQueryGrounder,
  type LabelSenses,
  type MatchRelation,
  type QueryGrounder,
  type QueryGrounderOptions,
} from './query-grounder';
export { segmentPhrase, type QuerySegment } from './segment-phrase';
export { resolveSenseName } from './sense-name';
export { splitQuery } from './split-query';
export { isStopWord, STOP_WORDS } from './stop-words';
