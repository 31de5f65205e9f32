import { GroundstreamError } from '../../core/errors';
import type { LabelMatch, PhrasePlan, QueryPlan } from '../../core/events';
import { lemmaCandidates } from './lemma-candidates';
import type { Lexicon, SenseId } from './lexicon';
import { segmentPhrase, type QuerySegment } from './segment-phrase';
import { resolveSenseName } from './sense-name';
import { splitQuery } from './split-query';

/**
 * How a query phrase reaches a label: `same` (the phrase has the label's sense, or names the
 * label), `hyponym` (the label is a kind of the phrase: vehicle → car) or `hypernym` (the phrase
 * is a kind of the label: pedestrian → person; only tried when the first two find nothing).
 */
export type MatchRelation = 'same' | 'hyponym' | 'hypernym';

/** Sense pins per label, as sense names such as `mouse.n.04` (see {@link resolveSenseName}). */
export type LabelSenses = Readonly<Record<string, readonly string[]>>;

export interface QueryGrounderOptions {
  /**
   * "Is a kind of" links the lexicon lacks, per label, as sense names: a label listed here is
   * reached (as a hyponym) by a query for that sense or anything above it. They never make the
   * label reach a query by the hypernym fallback. WordNet 3.1 files `bus` under public transport
   * only, so COCO's `bus` needs `motor_vehicle.n.01` here for `vehicles` to reach it.
   */
  kindOf?: LabelSenses;
}

/** Maps free-text queries to the labels of the loaded models. */
export interface QueryGrounder {
  /** The labels this grounder maps to, in the order given (class-id order). */
  readonly labels: readonly string[];
  /** The plan for one query; a query that names nothing (blank, only stop words) grounds every label. */
  groundQuery(text: string): QueryPlan;
}

interface PinnedLabel {
  label: string;
  /** The label in lexicon spelling, for a query that names the label itself (`wine glasses`). */
  key: string;
  pins: readonly SenseId[];
  /** Proper ancestors of the pins, plus the `kindOf` senses and theirs. */
  above: ReadonlySet<SenseId>;
}

interface QuerySense {
  sense: SenseId;
  lemma: string;
}

interface FoundMatch extends LabelMatch {
  relation: MatchRelation;
  lemma: string;
}

/**
 * Creates a grounder for the given labels. Each label is pinned to the sense(s) in `senses`;
 * a label without an entry is pinned to `<label>.n.01` when the lexicon has it, and otherwise is
 * reached only by a phrase that names it. A pin or `kindOf` name the lexicon does not resolve
 * throws `invalid_argument`, so a typo fails at start-up instead of silently grounding nothing.
 *
 * A phrase is looked up under every dictionary form (plural → singular, irregulars included)
 * and every noun sense of those forms; a label matches when one of those senses is a label pin
 * (`same`) or lies above one (`hyponym`). Only a phrase that reaches no label that way falls back
 * to labels above it (`hypernym`), taking the nearest such label of its first sense that has one,
 * so `hounds` finds dog and not person (hound.n.02 is a cad, a kind of person).
 *
 * @example
 * const grounder = createQueryGrounder(createWordNetLexicon(), labels, COCO80_LABEL_SENSES, { kindOf: COCO80_KIND_OF });
 * grounder.groundQuery('pedestrians and vehicles, unicorns');
 * // phrases: pedestrians → person (hypernym, person.n.01); vehicles → bicycle, car, ... (hyponym,
 * // vehicle.n.01); unicorns → none; ungroundable: ['unicorns']
 */
export function createQueryGrounder(
  lexicon: Lexicon,
  labels: readonly string[],
  senses: LabelSenses,
  options: QueryGrounderOptions = {},
): QueryGrounder {
  const resolve = (label: string, name: string): SenseId => {
    const sense = resolveSenseName(lexicon, name);
    if (sense === undefined) {
      throw new GroundstreamError('invalid_argument', label, `label "${label}": sense ${name} is not in the lexicon`);
    }
    return sense;
  };

  const uniqueLabels = [...new Set(labels)];
  const pinned: PinnedLabel[] = uniqueLabels.map((label) => {
    const key = lexiconSpelling(label);
    const given = Object.hasOwn(senses, label) ? senses[label] : undefined;
    const pins = given
      ? given.map((name) => resolve(label, name))
      : [resolveSenseName(lexicon, `${key}.n.01`)].filter((s): s is SenseId => s !== undefined);
    const above = new Set<SenseId>();
    for (const pin of pins) addAncestors(lexicon, pin, above);
    for (const name of options.kindOf?.[label] ?? []) {
      const sense = resolve(label, name);
      above.add(sense);
      addAncestors(lexicon, sense, above);
    }
    return { label, key, pins, above };
  });
  const labelKeys = new Set(pinned.map((p) => p.key));

  const isTerm = (form: string): boolean => labelKeys.has(form) || lexicon.hasNoun(form);
  const senseLabel = (p: PinnedLabel): string => (p.pins.length ? lexicon.senseName(p.pins[0]) : p.label);

  // Same-sense labels first, then the kinds of it, each in label order: `cake` lists cake, donut.
  const matchDirect = (forms: readonly string[], querySenses: readonly QuerySense[]): FoundMatch[] => {
    const same: FoundMatch[] = [];
    const below: FoundMatch[] = [];
    for (const p of pinned) {
      const q = querySenses.find((s) => p.pins.includes(s.sense));
      if (q) {
        same.push({ label: p.label, relation: 'same', sense: lexicon.senseName(q.sense), lemma: q.lemma });
      } else if (forms.includes(p.key)) {
        same.push({ label: p.label, relation: 'same', sense: senseLabel(p), lemma: p.key });
      } else {
        const up = querySenses.find((s) => p.above.has(s.sense));
        if (up) below.push({ label: p.label, relation: 'hyponym', sense: lexicon.senseName(up.sense), lemma: up.lemma });
      }
    }
    return [...same, ...below];
  };

  const matchAbove = (querySenses: readonly QuerySense[]): FoundMatch[] => {
    for (const q of querySenses) {
      const visited = new Set<SenseId>([q.sense]);
      let level: SenseId[] = [q.sense];
      while (level.length) {
        const next: SenseId[] = [];
        for (const s of level) {
          for (const h of lexicon.hypernyms(s)) {
            if (!visited.has(h)) {
              visited.add(h);
              next.push(h);
            }
          }
        }
        const out: FoundMatch[] = [];
        for (const p of pinned) {
          const pin = p.pins.find((s) => next.includes(s));
          if (pin !== undefined) {
            out.push({ label: p.label, relation: 'hypernym', sense: lexicon.senseName(pin), lemma: q.lemma });
          }
        }
        if (out.length) return out;
        level = next;
      }
    }
    return [];
  };

  const groundSegment = (segment: QuerySegment): PhrasePlan => {
    const forms = lemmaCandidates(segment.words).filter(isTerm);
    const querySenses: QuerySense[] = [];
    const seen = new Set<SenseId>();
    for (const lemma of forms) {
      for (const sense of lexicon.nounSenses(lemma)) {
        if (!seen.has(sense)) {
          seen.add(sense);
          querySenses.push({ sense, lemma });
        }
      }
    }
    let found = matchDirect(forms, querySenses);
    if (!found.length) found = matchAbove(querySenses);
    const shown = found[0];
    const lemma = shown?.lemma ?? forms[0] ?? lemmaCandidates(segment.words)[0];
    return {
      phrase: segment.text,
      lemma: lemma.replace(/_/g, ' '),
      labels: found.map(({ label, relation, sense }) => ({ label, relation, sense })),
    };
  };

  return {
    labels: uniqueLabels,
    groundQuery(text: string): QueryPlan {
      const segments = splitQuery(text).flatMap((words) =>
        segmentPhrase(words, (run) => lemmaCandidates(run).some(isTerm)),
      );
      if (!segments.length) {
        const relation: MatchRelation = 'same';
        return {
          text,
          phrases: [{ phrase: '', lemma: '', labels: pinned.map((p) => ({ label: p.label, relation, sense: senseLabel(p) })) }],
          ungroundable: [],
        };
      }
      const phrases: PhrasePlan[] = [];
      const done = new Set<string>();
      for (const segment of segments) {
        const key = segment.text.toLowerCase();
        if (done.has(key)) continue;
        done.add(key);
        phrases.push(groundSegment(segment));
      }
      return { text, phrases, ungroundable: phrases.filter((p) => !p.labels.length).map((p) => p.phrase) };
    },
  };
}

function lexiconSpelling(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, '_');
}

function addAncestors(lexicon: Lexicon, sense: SenseId, into: Set<SenseId>): void {
  const stack = [...lexicon.hypernyms(sense)];
  while (stack.length) {
    const s = stack.pop() as SenseId;
    if (into.has(s)) continue;
    into.add(s);
    stack.push(...lexicon.hypernyms(s));
  }
}
