import type { PhrasePlan, QueryPlan } from '../../core/events';
import type { Lexicon } from '../query/lexicon';
import { createQueryGrounder, type LabelSenses, type QueryGrounder } from '../query/query-grounder';
import type { SpectralKind } from './spectral-mask';

/** The kinds a spectral index can map, in the order they are reported. */
export const SPECTRAL_KINDS: readonly SpectralKind[] = ['water', 'vegetation', 'bare soil'];

/**
 * WordNet pins of the spectral kinds. `water` takes the liquid (water.n.01) and the surface
 * (body_of_water.n.01), so sea, lake, river, ocean, pond and bay reach it as kinds of a body of
 * water. `vegetation` takes the plant life of a region (vegetation.n.01, above forest.n.01) and a
 * plant (plant.n.02), so trees, grass and crops reach it by the hypernym fallback. `bare soil` takes
 * soil.n.02 ("humus and disintegrated rock"), which sand and dirt lie below.
 */
export const SPECTRAL_LABEL_SENSES: LabelSenses = {
  water: ['body_of_water.n.01', 'water.n.01'],
  vegetation: ['vegetation.n.01', 'plant.n.02'],
  'bare soil': ['soil.n.02'],
};

/**
 * A query grounder over the spectral kinds only; pins that the lexicon lacks throw at creation.
 *
 * @example
 * createSpectralGrounder(createWordNetLexicon()).groundQuery('the sea and cars').phrases[0].labels[0].label // → 'water'
 */
export function createSpectralGrounder(lexicon: Lexicon): QueryGrounder {
  return createQueryGrounder(lexicon, SPECTRAL_KINDS, SPECTRAL_LABEL_SENSES);
}

/** A query split between the detector and the spectral expert. */
export interface SplitQueryPlan {
  /** Both plans in one: each phrase with the labels of either, ungroundable what neither reaches. */
  plan: QueryPlan;
  /** The detector's part, phrases reaching no detector label dropped; undefined when nothing is left. */
  detector?: QueryPlan;
  /** Spectral kinds asked for, each with the first phrase that reached it. */
  spectral: { kind: SpectralKind; phrase: string }[];
}

const isSpectralKind = (label: string): label is SpectralKind => (SPECTRAL_KINDS as readonly string[]).includes(label);

/**
 * Routes the phrases of a query: those reaching a spectral kind (in `spectralPlan`) go to the
 * spectral expert, those reaching a detector label (in `detectorPlan`, undefined when the detector
 * reaches nothing) to the detector. The two grounders may segment a phrase differently (`bare soil`
 * is one term only to the spectral one), so a detector phrase without labels whose words all lie in
 * a grounded spectral phrase is dropped rather than reported as ungroundable.
 *
 * @example
 * splitQueryPlan(detector.groundQuery('water and cars'), spectral.groundQuery('water and cars'))
 * // → detector: cars → car; spectral: [{ kind: 'water', phrase: 'water' }]; plan.ungroundable: []
 */
export function splitQueryPlan(detectorPlan: QueryPlan | undefined, spectralPlan: QueryPlan): SplitQueryPlan {
  const text = spectralPlan.text;
  const spectralOf = new Map<string, PhrasePlan>();
  for (const p of spectralPlan.phrases) if (p.labels.length) spectralOf.set(p.phrase.toLowerCase(), p);
  const spectralWords = new Set([...spectralOf.keys()].flatMap((k) => k.split(/\s+/)));
  const phrases: PhrasePlan[] = [];
  const seen = new Set<string>();
  for (const p of detectorPlan?.phrases ?? []) {
    const key = p.phrase.toLowerCase();
    const s = spectralOf.get(key);
    if (!p.labels.length && !s && key.split(/\s+/).every((w) => spectralWords.has(w))) continue;
    seen.add(key);
    phrases.push({ ...p, labels: [...p.labels, ...(s?.labels ?? [])] });
  }
  for (const p of spectralPlan.phrases) {
    const key = p.phrase.toLowerCase();
    if (seen.has(key)) continue;
    if (p.labels.length || !detectorPlan) phrases.push(p);
  }
  const plan: QueryPlan = { text, phrases, ungroundable: phrases.filter((p) => !p.labels.length).map((p) => p.phrase) };
  const detectorPhrases = (detectorPlan?.phrases ?? []).filter((p) => p.labels.length);
  const spectral: SplitQueryPlan['spectral'] = [];
  for (const p of phrases) {
    for (const m of p.labels) {
      if (isSpectralKind(m.label) && !spectral.some((s) => s.kind === m.label)) spectral.push({ kind: m.label, phrase: p.phrase });
    }
  }
  spectral.sort((a, b) => SPECTRAL_KINDS.indexOf(a.kind) - SPECTRAL_KINDS.indexOf(b.kind));
  return {
    plan,
    detector: detectorPhrases.length ? { text, phrases: detectorPhrases, ungroundable: [] } : undefined,
    spectral,
  };
}
