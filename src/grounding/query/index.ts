export {
  applyQueryConstraints,
  relationHolds,
  RELATION_TOLERANCES,
  type AppliedConstraints,
  type ApplyQueryHelpers,
} from './apply-query-constraints';
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
export {
  BARE_COUNT_OP,
  BASIC_COLOURS,
  basicColourName,
  parseQueryConstraints,
  type BasicColour,
  type CountConstraint,
  type CountOp,
  type ParsedQuery,
  type ParseQueryOptions,
  type QueryPhrase,
  type QueryRelation,
  type RelationKind,
} from './parse-query-constraints';
export { resolveSenseName } from './sense-name';
export { splitQuery } from './split-query';
export { isStopWord, STOP_WORDS } from './stop-words';
export { groundConstrainedQuery, toConstrainedQuery, type ConstrainedQuery } from './constrained-query';
