import assert from 'node:assert/strict';
import { formatQueryPlan } from '../../../../src/grounding/query/format-query-plan';
import { createQueryGrounder } from '../../../../src/grounding/query/query-grounder';
import { createMemoryLexicon, MINI_KIND_OF, MINI_LABELS, MINI_SENSES, MINI_WORDNET } from './memory-lexicon';

describe('formatQueryPlan', () => {
  const grounder = createQueryGrounder(createMemoryLexicon(MINI_WORDNET), MINI_LABELS, MINI_SENSES, { kindOf: MINI_KIND_OF });
  const cases: Array<[string, string]> = [
    ['people', 'people → person (same: person.n.01)'],
    ['pedestrians', 'pedestrians → person (hypernym: pedestrian is a kind of person.n.01)'],
    [
      'motor vehicles, unicorns and xyzzy',
      [
        'motor vehicles → car (hyponym: car is a kind of motor_vehicle.n.01)',
        'motor vehicles → truck (hyponym: truck is a kind of motor_vehicle.n.01)',
        'motor vehicles → bus (hyponym: bus is a kind of motor_vehicle.n.01)',
        'not groundable with the loaded models: unicorns, xyzzy',
      ].join('\n'),
    ],
    ['', `(no query) → all 12 labels: ${MINI_LABELS.join(', ')}`],
  ];
  for (const [query, expected] of cases) {
    it(`formats ${JSON.stringify(query)}`, () => assert.equal(formatQueryPlan(grounder.groundQuery(query)), expected));
  }
});
