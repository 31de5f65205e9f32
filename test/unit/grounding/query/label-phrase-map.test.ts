import assert from 'node:assert/strict';
import type { QueryPlan } from '../../../../src/core/events';
import { toLabelPhraseMap } from '../../../../src/grounding/query/label-phrase-map';

describe('toLabelPhraseMap', () => {
  it('maps each label to the first phrase that reaches it', () => {
    const plan: QueryPlan = {
      text: 'people, vehicles and cars, unicorns',
      phrases: [
        { phrase: 'people', lemma: 'person', labels: [{ label: 'person', relation: 'same', sense: 'person.n.01' }] },
        {
          phrase: 'vehicles',
          lemma: 'vehicle',
          labels: [
            { label: 'car', relation: 'hyponym', sense: 'vehicle.n.01' },
            { label: 'bus', relation: 'hyponym', sense: 'vehicle.n.01' },
          ],
        },
        { phrase: 'cars', lemma: 'car', labels: [{ label: 'car', relation: 'same', sense: 'car.n.01' }] },
        { phrase: 'unicorns', lemma: 'unicorn', labels: [] },
      ],
      ungroundable: ['unicorns'],
    };
    assert.deepEqual(
      [...toLabelPhraseMap(plan)],
      [
        ['person', 'people'],
        ['car', 'vehicles'],
        ['bus', 'vehicles'],
      ],
    );
  });

  it('is empty for a plan that grounds nothing', () => {
    assert.equal(toLabelPhraseMap({ text: 'xyzzy', phrases: [{ phrase: 'xyzzy', lemma: 'xyzzy', labels: [] }], ungroundable: ['xyzzy'] }).size, 0);
  });
});
