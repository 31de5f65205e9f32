import type { LabelMatch, PhrasePlan, QueryPlan } from '../../core/events';

/**
 * A query plan as lines for people, one per phrase-to-label mapping, then the phrases nothing
 * grounds:
 * ```
 * people → person (same: person.n.01)
 * vehicles → car (hyponym: car is a kind of vehicle.n.01)
 * pedestrians → person (hypernym: pedestrian is a kind of person.n.01)
 * not groundable with the loaded models: unicorn
 * ```
 */
export function formatQueryPlan(plan: QueryPlan): string {
  const lines: string[] = [];
  for (const phrase of plan.phrases) {
    if (phrase.phrase === '') {
      lines.push(`(no query) → all ${phrase.labels.length} labels: ${phrase.labels.map((m) => m.label).join(', ')}`);
      continue;
    }
    for (const match of phrase.labels) lines.push(`${phrase.phrase} → ${match.label} (${explain(phrase, match)})`);
  }
  if (plan.ungroundable.length) {
    lines.push(`not groundable with the loaded models: ${plan.ungroundable.join(', ')}`);
  }
  return lines.join('\n');
}

function explain(phrase: PhrasePlan, match: LabelMatch): string {
  switch (match.relation) {
    case 'hyponym':
      return `hyponym: ${match.label} is a kind of ${match.sense}`;
    case 'hypernym':
      return `hypernym: ${phrase.lemma} is a kind of ${match.sense}`;
    default:
      return `${match.relation}: ${match.sense}`;
  }
}
