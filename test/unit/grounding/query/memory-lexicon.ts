import type { Lexicon, SenseId } from '../../../../src/grounding/query/lexicon';

/** One hand-written synset: `id` is any unique string, `hypernyms` name other ids. */
export interface MemorySynset {
  id: SenseId;
  lemmas: string[];
  hypernyms?: SenseId[];
  gloss?: string;
}

/**
 * A lexicon over a few hand-written synsets. A lemma's senses are the synsets that list it, in
 * array order, so names follow WordNet's rule: `kite.n.02` is the second synset listing `kite`.
 */
export function createMemoryLexicon(synsets: readonly MemorySynset[]): Lexicon {
  const byId = new Map(synsets.map((s) => [s.id, s]));
  const get = (id: SenseId): MemorySynset => {
    const s = byId.get(id);
    if (!s) throw new Error(`memory lexicon: no synset ${id}`);
    return s;
  };
  for (const s of synsets) for (const h of s.hypernyms ?? []) get(h);
  const nounSenses = (lemma: string): SenseId[] =>
    synsets.filter((s) => s.lemmas.includes(lemma.toLowerCase().replace(/ /g, '_'))).map((s) => s.id);
  return {
    hasNoun: (lemma) => nounSenses(lemma).length > 0,
    nounSenses,
    hypernyms: (sense) => get(sense).hypernyms ?? [],
    lemmas: (sense) => get(sense).lemmas,
    gloss: (sense) => get(sense).gloss ?? '',
    senseName(sense) {
      const first = get(sense).lemmas[0];
      return `${first}.n.${String(nounSenses(first).indexOf(sense) + 1).padStart(2, '0')}`;
    },
  };
}

/**
 * A miniature of WordNet's noun taxonomy with its traps: `kite` and `mouse` have animal senses
 * besides the pinned ones, `dog`, `bird` and `hound` have senses under person, `bus` and `train`
 * sit under public transport rather than vehicle, `people` is a noun of its own.
 */
export const MINI_WORDNET: readonly MemorySynset[] = [
  { id: 'entity', lemmas: ['entity'] },
  { id: 'organism', lemmas: ['organism'], hypernyms: ['entity'] },
  { id: 'person', lemmas: ['person', 'individual'], hypernyms: ['organism'], gloss: 'a human being' },
  { id: 'pedestrian', lemmas: ['pedestrian', 'walker'], hypernyms: ['person'] },
  { id: 'woman', lemmas: ['woman'], hypernyms: ['person'] },
  { id: 'people', lemmas: ['people'], hypernyms: ['entity'], gloss: 'any group of human beings' },
  { id: 'animal', lemmas: ['animal', 'beast'], hypernyms: ['organism'] },
  { id: 'bird', lemmas: ['bird'], hypernyms: ['animal'] },
  { id: 'dame', lemmas: ['dame', 'bird'], hypernyms: ['woman'] },
  { id: 'hawk', lemmas: ['hawk'], hypernyms: ['bird'] },
  { id: 'kite-check', lemmas: ['kite'], hypernyms: ['entity'], gloss: 'a bank check' },
  { id: 'plaything', lemmas: ['plaything', 'toy'], hypernyms: ['entity'] },
  { id: 'kite-toy', lemmas: ['kite'], hypernyms: ['plaything'], gloss: 'plaything flown in wind' },
  { id: 'kite-hawk', lemmas: ['kite'], hypernyms: ['hawk'] },
  { id: 'mouse-rodent', lemmas: ['mouse'], hypernyms: ['animal'] },
  { id: 'device', lemmas: ['device'], hypernyms: ['entity'] },
  { id: 'mouse-device', lemmas: ['mouse', 'computer_mouse'], hypernyms: ['device'] },
  { id: 'dog', lemmas: ['dog', 'domestic_dog'], hypernyms: ['animal'] },
  { id: 'frump', lemmas: ['frump', 'dog'], hypernyms: ['woman'] },
  { id: 'hound', lemmas: ['hound', 'hound_dog'], hypernyms: ['dog'] },
  { id: 'cad', lemmas: ['cad', 'hound'], hypernyms: ['person'] },
  { id: 'conveyance', lemmas: ['conveyance'], hypernyms: ['entity'] },
  { id: 'vehicle', lemmas: ['vehicle'], hypernyms: ['conveyance'] },
  { id: 'wheeled_vehicle', lemmas: ['wheeled_vehicle'], hypernyms: ['vehicle'] },
  { id: 'motor_vehicle', lemmas: ['motor_vehicle'], hypernyms: ['wheeled_vehicle'] },
  { id: 'car', lemmas: ['car', 'auto'], hypernyms: ['motor_vehicle'] },
  { id: 'truck', lemmas: ['truck', 'motortruck'], hypernyms: ['motor_vehicle'] },
  { id: 'wagon', lemmas: ['lorry'], hypernyms: ['wheeled_vehicle'], gloss: 'a horse-drawn wagon' },
  { id: 'lorry', lemmas: ['lorry', 'camion'], hypernyms: ['truck'] },
  { id: 'public_transport', lemmas: ['public_transport'], hypernyms: ['conveyance'] },
  { id: 'bus', lemmas: ['bus', 'autobus'], hypernyms: ['public_transport'] },
  { id: 'train', lemmas: ['train'], hypernyms: ['public_transport'] },
  { id: 'locomotive', lemmas: ['locomotive', 'engine'], hypernyms: ['wheeled_vehicle'] },
  { id: 'signal', lemmas: ['signal'], hypernyms: ['entity'] },
  { id: 'traffic_light', lemmas: ['traffic_light', 'stoplight'], hypernyms: ['signal'] },
  { id: 'face', lemmas: ['face'], hypernyms: ['entity'] },
  { id: 'paris', lemmas: ['paris'], hypernyms: ['entity'] },
  { id: 'in', lemmas: ['in', 'inch'], hypernyms: ['entity'] },
];

/** Labels of a small detector over {@link MINI_WORDNET}, in class-id order. */
export const MINI_LABELS = ['person', 'car', 'truck', 'bus', 'train', 'bird', 'kite', 'mouse', 'dog', 'traffic light', 'wine glass', 'face'];

/** Pins for {@link MINI_LABELS}; `wine glass` has no sense in the mini lexicon, `face` none given. */
export const MINI_SENSES: Record<string, string[]> = {
  person: ['person.n.01'],
  car: ['car.n.01'],
  truck: ['truck.n.01'],
  bus: ['bus.n.01'],
  train: ['train.n.01', 'locomotive.n.01'],
  bird: ['bird.n.01'],
  kite: ['kite.n.02'],
  mouse: ['mouse.n.02'],
  dog: ['dog.n.01'],
  'traffic light': ['traffic_light.n.01'],
  'wine glass': [],
};

export const MINI_KIND_OF = { bus: ['motor_vehicle.n.01'] };
