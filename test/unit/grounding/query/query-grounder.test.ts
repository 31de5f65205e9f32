import assert from 'node:assert/strict';
import { isGroundstreamError } from '../../../../src/core/errors';
import { createQueryGrounder } from '../../../../src/grounding/query/query-grounder';
import { createMemoryLexicon, MINI_KIND_OF, MINI_LABELS, MINI_SENSES, MINI_WORDNET } from './memory-lexicon';

describe('createQueryGrounder (mini lexicon)', () => {
  const grounder = () =>
    createQueryGrounder(createMemoryLexicon(MINI_WORDNET), MINI_LABELS, MINI_SENSES, { kindOf: MINI_KIND_OF });

  // query → one entry per phrase: [phrase, lemma, 'label relation sense' ...]
  const cases: Array<{ query: string; phrases: Array<[string, string, ...string[]]>; ungroundable?: string[] }> = [
    { query: 'person', phrases: [['person', 'person', 'person same person.n.01']] },
    {
      query: 'people and cars',
      phrases: [
        ['people', 'person', 'person same person.n.01'],
        ['cars', 'car', 'car same car.n.01'],
      ],
    },
    {
      query: 'vehicles',
      phrases: [
        [
          'vehicles',
          'vehicle',
          'car hyponym vehicle.n.01',
          'truck hyponym vehicle.n.01',
          'bus hyponym vehicle.n.01',
          'train hyponym vehicle.n.01',
        ],
      ],
    },
    { query: 'motor vehicle', phrases: [['motor vehicle', 'motor vehicle', 'car hyponym motor_vehicle.n.01', 'truck hyponym motor_vehicle.n.01', 'bus hyponym motor_vehicle.n.01']] },
    { query: 'pedestrians', phrases: [['pedestrians', 'pedestrian', 'person hypernym person.n.01']] },
    { query: 'walkers', phrases: [['walkers', 'walker', 'person hypernym person.n.01']] },
    // lorry.n.01 (a wagon) has no label above it; lorry.n.02 is a kind of truck.
    { query: 'lorry', phrases: [['lorry', 'lorry', 'truck hypernym truck.n.01']] },
    { query: 'animals', phrases: [['animals', 'animal', 'bird hyponym animal.n.01', 'dog hyponym animal.n.01']] },
    { query: 'beasts', phrases: [['beasts', 'beast', 'bird hyponym animal.n.01', 'dog hyponym animal.n.01']] },
    { query: 'bird', phrases: [['bird', 'bird', 'bird same bird.n.01']] },
    { query: 'kites', phrases: [['kites', 'kite', 'kite same kite.n.02']] },
    { query: 'toys', phrases: [['toys', 'toy', 'kite hyponym plaything.n.01']] },
    { query: 'mouse', phrases: [['mouse', 'mouse', 'mouse same mouse.n.02']] },
    { query: 'dogs', phrases: [['dogs', 'dog', 'dog same dog.n.01']] },
    // hound.n.01 is a dog, hound.n.02 a person: the fallback stops at the first sense with a label.
    { query: 'hounds', phrases: [['hounds', 'hound', 'dog hypernym dog.n.01']] },
    { query: 'hawk', phrases: [['hawk', 'hawk', 'bird hypernym bird.n.01']] },
    { query: 'engine', phrases: [['engine', 'engine', 'train same locomotive.n.01']] },
    { query: 'traffic lights', phrases: [['traffic lights', 'traffic light', 'traffic light same traffic_light.n.01']] },
    { query: 'the stoplights', phrases: [['stoplights', 'stoplight', 'traffic light same traffic_light.n.01']] },
    // Not in the lexicon, but it names a label.
    { query: 'wine glasses', phrases: [['wine glasses', 'wine glass', 'wine glass same wine glass']] },
    // No pin given: the label's first sense.
    { query: 'faces', phrases: [['faces', 'face', 'face same face.n.01']] },
    {
      query: 'unicorn and cars',
      phrases: [
        ['unicorn', 'unicorn'],
        ['cars', 'car', 'car same car.n.01'],
      ],
      ungroundable: ['unicorn'],
    },
    { query: 'xyzzy', phrases: [['xyzzy', 'xyzzy']], ungroundable: ['xyzzy'] },
    { query: 'the people', phrases: [['people', 'person', 'person same person.n.01']] },
    { query: 'Show me all the Cars in Paris', phrases: [['Cars', 'car', 'car same car.n.01'], ['Paris', 'paris']], ungroundable: ['Paris'] },
    { query: 'cars, trucks / cars', phrases: [['cars', 'car', 'car same car.n.01'], ['trucks', 'truck', 'truck same truck.n.01']] },
    { query: '2 dogs & 3 birds', phrases: [['dogs', 'dog', 'dog same dog.n.01'], ['birds', 'bird', 'bird same bird.n.01']] },
  ];

  for (const c of cases) {
    it(`grounds ${JSON.stringify(c.query)}`, () => {
      const plan = grounder().groundQuery(c.query);
      assert.equal(plan.text, c.query);
      assert.deepEqual(
        plan.phrases.map((p) => [p.phrase, p.lemma, ...p.labels.map((m) => `${m.label} ${m.relation} ${m.sense}`)]),
        c.phrases,
      );
      assert.deepEqual(plan.ungroundable, c.ungroundable ?? []);
    });
  }

  for (const query of ['', '   ', 'the', 'show me everything']) {
    it(`grounds every label for a query that names nothing: ${JSON.stringify(query)}`, () => {
      const plan = grounder().groundQuery(query);
      assert.equal(plan.phrases.length, 1);
      assert.equal(plan.phrases[0].phrase, '');
      assert.deepEqual(plan.phrases[0].labels.map((m) => m.label), MINI_LABELS);
      assert.ok(plan.phrases[0].labels.every((m) => m.relation === 'same'));
      assert.equal(plan.phrases[0].labels[0].sense, 'person.n.01');
      assert.deepEqual(plan.ungroundable, []);
    });
  }

  it('never lets a phrase wander to a label through another sense', () => {
    const g = grounder();
    const reached = (q: string) => g.groundQuery(q).phrases.flatMap((p) => p.labels.map((m) => m.label));
    assert.ok(!reached('animal').includes('mouse'));
    assert.ok(!reached('animal').includes('kite'));
    assert.ok(!reached('bird').includes('kite'));
    assert.ok(!reached('dog').includes('person'));
    assert.ok(!reached('vehicles').includes('person'));
  });

  it('without kindOf, bus is not a vehicle (the lexicon files it under public transport)', () => {
    const g = createQueryGrounder(createMemoryLexicon(MINI_WORDNET), MINI_LABELS, MINI_SENSES);
    const labels = g.groundQuery('vehicles').phrases[0].labels.map((m) => m.label);
    assert.deepEqual(labels, ['car', 'truck', 'train']);
  });

  it('does not use kindOf links for the hypernym fallback', () => {
    const g = createQueryGrounder(createMemoryLexicon(MINI_WORDNET), ['truck', 'bus'], MINI_SENSES, { kindOf: MINI_KIND_OF });
    const plan = g.groundQuery('camion');
    assert.deepEqual(plan.phrases[0].labels, [{ label: 'truck', relation: 'hypernym', sense: 'truck.n.01' }]);
  });

  it('keeps the labels it was given, once each and in order', () => {
    const g = createQueryGrounder(createMemoryLexicon(MINI_WORDNET), ['dog', 'car', 'dog'], MINI_SENSES);
    assert.deepEqual(g.labels, ['dog', 'car']);
  });

  it('throws invalid_argument for a pin the lexicon cannot resolve', () => {
    const lexicon = createMemoryLexicon(MINI_WORDNET);
    for (const [senses, kindOf] of [
      [{ car: ['car.n.07'] }, {}],
      [{ car: ['carr.n.01'] }, {}],
      [{ car: ['car'] }, {}],
      [{ car: ['car.n.01'] }, { car: ['vehicel.n.01'] }],
    ] as const) {
      assert.throws(
        () => createQueryGrounder(lexicon, ['car'], senses, { kindOf }),
        (e: unknown) => isGroundstreamError(e, 'invalid_argument') && e.input === 'car',
      );
    }
  });
});
