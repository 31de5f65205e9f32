import type { QueryPlan } from '../../core/events';
import { parseQueryConstraints, type QueryPhrase } from './parse-query-constraints';

/** A query whose phrases carry constraints beyond their nouns (colour, text, count, relation). */
export interface ConstrainedQuery {
  /** The nouns to ground, as a plain query for the label grounder: `cars, sign, person`. */
  headsText: string;
  /** The phrases with their constraints, relation targets included. */
  phrases: QueryPhrase[];
  /** Words understood neither as a noun nor as a constraint. */
  unknown: string[];
}

/**
 * Reads a query's constraints; undefined when it has none (a plain list of nouns is grounded as
 * it is). `red cars near a bus` grounds `cars, bus` and keeps `red` and `near a bus` to filter
 * the regions, instead of looking `red` up as a noun.
 *
 * @example
 * toConstrainedQuery('at least 3 red cars')?.headsText // 'cars'
 */
export function toConstrainedQuery(query: string): ConstrainedQuery | undefined {
  const parsed = parseQueryConstraints(query);
  if (!parsed.phrases.some((p) => p.colour || p.quotedText || p.count || p.relation)) return undefined;
  const heads: string[] = [];
  const visit = (p: QueryPhrase): void => {
    if (!heads.includes(p.head)) heads.push(p.head);
    if (p.relation) visit(p.relation.target);
  };
  parsed.phrases.forEach(visit);
  return { headsText: heads.join(', '), phrases: parsed.phrases, unknown: parsed.unknown };
}

/**
 * Grounds a query with a label grounder, constraints read first: the plan grounds the nouns, keeps
 * the query's own text, and reports the words nothing understood.
 *
 * @example
 * groundConstrainedQuery('red cars', (t) => grounder.groundQuery(t)).phrases[0].phrase // 'cars'
 */
export function groundConstrainedQuery(query: string, ground: (text: string) => QueryPlan): QueryPlan {
  const c = toConstrainedQuery(query);
  if (!c) return ground(query);
  const plan = ground(c.headsText);
  return { ...plan, text: query, ungroundable: [...plan.ungroundable, ...c.unknown] };
}
