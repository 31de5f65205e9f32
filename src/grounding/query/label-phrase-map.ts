import type { QueryPlan } from '../../core/events';

/**
 * Label → the query phrase it answers, for stamping detections; when two phrases reach one
 * label the first phrase in the query wins. Labels the plan does not reach are absent, so a
 * detection whose label is missing answers nothing in the query.
 *
 * @example toLabelPhraseMap(grounder.groundQuery('people and cars')) // Map { person → 'people', car → 'cars' }
 */
export function toLabelPhraseMap(plan: QueryPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const phrase of plan.phrases) {
    for (const match of phrase.labels) {
      if (!out.has(match.label)) out.set(match.label, phrase.phrase);
    }
  }
  return out;
}
