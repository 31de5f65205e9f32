import assert from 'node:assert/strict';
import { COCO80_LABELS } from '../../../models/labels/coco80';
import { COCO80_KIND_OF, COCO80_LABEL_SENSES } from '../../../src/grounding/query/coco80-senses';
import { formatQueryPlan } from '../../../src/grounding/query/format-query-plan';
import { toLabelPhraseMap } from '../../../src/grounding/query/label-phrase-map';
import { createQueryGrounder, type QueryGrounder } from '../../../src/grounding/query/query-grounder';
import { createWordNetLexicon } from '../../../src/lexicon/wordnet';

const VEHICLES = ['bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat'];
const ANIMALS = ['bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe'];

describe('query grounding on WordNet 3.1 with the COCO-80 labels', () => {
  let grounder: QueryGrounder;
  before(() => {
    grounder = createQueryGrounder(createWordNetLexicon(), COCO80_LABELS, COCO80_LABEL_SENSES, { kindOf: COCO80_KIND_OF });
  });

  // query → 'phrase: label relation sense, ...' per phrase, and the ungroundable phrases
  const cases: Array<{ query: string; phrases: string[]; ungroundable?: string[] }> = [
    { query: 'person', phrases: ['person: person same person.n.01'] },
    { query: 'people and cars', phrases: ['people: person same person.n.01', 'cars: car same car.n.01'] },
    { query: 'the people', phrases: ['people: person same person.n.01'] },
    { query: 'pedestrians', phrases: ['pedestrians: person hypernym person.n.01'] },
    { query: 'lorry', phrases: ['lorry: truck hypernym truck.n.01'] },
    { query: 'lorries', phrases: ['lorries: truck hypernym truck.n.01'] },
    { query: 'bird', phrases: ['bird: bird same bird.n.01'] },
    { query: 'kite', phrases: ['kite: kite same kite.n.03'] },
    { query: 'dog', phrases: ['dog: dog same dog.n.01'] },
    { query: 'mice', phrases: ['mice: mouse same mouse.n.04'] },
    { query: 'traffic lights', phrases: ['traffic lights: traffic light same traffic_light.n.01'] },
    { query: 'unicorn and cars', phrases: ['unicorn:', 'cars: car same car.n.01'], ungroundable: ['unicorn'] },
    { query: 'xyzzy', phrases: ['xyzzy:'], ungroundable: ['xyzzy'] },
    { query: 'stop signs', phrases: ['stop signs: stop sign same street_sign.n.01'] },
    { query: 'wine glasses', phrases: ['wine glasses: wine glass same wineglass.n.01'] },
    { query: 'cell phones', phrases: ['cell phones: cell phone same cellular_telephone.n.01'] },
    { query: 'hot dogs', phrases: ['hot dogs: hot dog same hotdog.n.02'] },
    { query: 'sofa', phrases: ['sofa: couch same sofa.n.01'] },
    { query: 'television', phrases: ['television: tv same television_receiver.n.01'] },
    { query: 'hounds', phrases: ['hounds: dog hypernym dog.n.01'] },
    { query: 'engine', phrases: ['engine: train same locomotive.n.01'] },
    {
      query: 'find fire hydrants, teddy bears & sports balls',
      phrases: [
        'fire hydrants: fire hydrant same fireplug.n.01',
        'teddy bears: teddy bear same teddy.n.01',
        'sports balls: sports ball same ball.n.01',
      ],
    },
  ];

  for (const c of cases) {
    it(`grounds ${JSON.stringify(c.query)}`, () => {
      const plan = grounder.groundQuery(c.query);
      assert.deepEqual(
        plan.phrases.map((p) => `${p.phrase}:${p.labels.map((m) => ` ${m.label} ${m.relation} ${m.sense}`).join(',')}`),
        c.phrases,
      );
      assert.deepEqual(plan.ungroundable, c.ungroundable ?? []);
    });
  }

  for (const query of ['vehicles', 'vehicle']) {
    it(`grounds ${query} to all eight vehicle labels (and the skateboard, a wheeled vehicle in WordNet)`, () => {
      const [phrase, ...rest] = grounder.groundQuery(query).phrases;
      assert.equal(rest.length, 0);
      assert.equal(phrase.lemma, 'vehicle');
      const labels = phrase.labels.map((m) => m.label);
      for (const label of VEHICLES) assert.ok(labels.includes(label), `${query} reaches ${label}`);
      assert.deepEqual(labels, ['bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'skateboard']);
      assert.ok(phrase.labels.every((m) => m.relation === 'hyponym' && m.sense === 'vehicle.n.01'));
    });
  }

  for (const query of ['animal', 'animals']) {
    it(`grounds ${query} to the ten animal labels, not to mouse, kite, teddy bear or person`, () => {
      const labels = grounder.groundQuery(query).phrases.flatMap((p) => p.labels.map((m) => m.label));
      assert.deepEqual(labels, ANIMALS);
    });
  }

  it('does not reach a label through another sense of the word', () => {
    const reached = (q: string) => grounder.groundQuery(q).phrases.flatMap((p) => p.labels.map((m) => m.label));
    assert.ok(!reached('bird').includes('kite'), 'kite.n.04 is a hawk, but COCO kite is the toy');
    assert.ok(!reached('birds').includes('kite'));
    assert.ok(!reached('rodent').includes('mouse'), 'mouse.n.01 is a rodent, but COCO mouse is the device');
    assert.ok(!reached('dog').includes('person'), 'dog.n.02 (frump) is a kind of person');
    assert.ok(!reached('dog').includes('hot dog'), 'frank.n.02 has the lemma dog');
    assert.ok(!reached('cat').includes('person'), 'cat.n.02 (guy) is a kind of person');
    assert.ok(!reached('vehicles').includes('person'));
  });

  it('grounds every label for an empty query', () => {
    const plan = grounder.groundQuery('');
    assert.deepEqual(plan.phrases.map((p) => p.phrase), ['']);
    assert.deepEqual(plan.phrases[0].labels.map((m) => m.label), COCO80_LABELS);
    assert.equal(toLabelPhraseMap(plan).size, 80);
  });

  it('shows each mapping and what it could not ground', () => {
    assert.equal(
      formatQueryPlan(grounder.groundQuery('pedestrians, unicorns and lorries')),
      [
        'pedestrians → person (hypernym: pedestrian is a kind of person.n.01)',
        'lorries → truck (hypernym: lorry is a kind of truck.n.01)',
        'not groundable with the loaded models: unicorns',
      ].join('\n'),
    );
  });

  it('stamps each label with the first phrase that reaches it', () => {
    const map = toLabelPhraseMap(grounder.groundQuery('cars and vehicles'));
    assert.equal(map.get('car'), 'cars');
    assert.equal(map.get('bus'), 'vehicles');
    assert.equal(map.has('person'), false);
  });

  it('grounds a model with other labels, pinned by the caller or by default', () => {
    const g = createQueryGrounder(createWordNetLexicon(), ['face', 'license plate', 'person'], { person: ['person.n.01'] });
    assert.deepEqual(
      g.groundQuery('faces, license plates and people').phrases.map((p) => p.labels.map((m) => `${m.label} ${m.relation} ${m.sense}`)),
      [['face same face.n.01'], ['license plate same license_plate.n.01'], ['person same person.n.01']],
    );
  });
});
