import assert from 'node:assert/strict';
import { COCO80_LABELS } from '../../../../models/labels/coco80';
import { COCO80_KIND_OF, COCO80_LABEL_SENSES, createQueryGrounder, type Lexicon } from '../../../../src/grounding/query';
import { createSpectralGrounder, SPECTRAL_LABEL_SENSES, splitQueryPlan } from '../../../../src/grounding/spectral';
import { createWordNetLexicon } from '../../../../src/lexicon/wordnet';

describe('spectral kinds reached from queries (WordNet)', () => {
  let wn: Lexicon;
  before(() => { wn = createWordNetLexicon(); });

  it('pins senses whose glosses mean what the indices find', () => {
    const gloss = (name: string) => wn.gloss(wn.nounSenses(name.split('.')[0]).find((s) => wn.senseName(s) === name)!);
    assert.match(gloss('body_of_water.n.01'), /covered with water/);
    assert.match(gloss('vegetation.n.01'), /plant life/);
    assert.match(gloss('soil.n.02'), /humus and disintegrated rock/);
    assert.deepEqual(Object.keys(SPECTRAL_LABEL_SENSES), ['water', 'vegetation', 'bare soil']);
  });

  const cases: [string, string[]][] = [
    ['water', ['water']], ['the sea', ['water']], ['lakes', ['water']], ['rivers', ['water']], ['ocean', ['water']], ['ponds', ['water']],
    ['vegetation', ['vegetation']], ['forests', ['vegetation']], ['trees', ['vegetation']], ['grass', ['vegetation']], ['plants', ['vegetation']],
    ['bare soil', ['bare soil']], ['soil', ['bare soil']], ['sand', ['bare soil']], ['dirt', ['bare soil']],
    ['cars', []], ['people', []], ['buildings', []],
  ];
  for (const [query, labels] of cases) {
    it(`${query} → ${labels.join(', ') || 'nothing'}`, () => {
      const plan = createSpectralGrounder(wn).groundQuery(query);
      assert.deepEqual(plan.phrases.flatMap((p) => p.labels.map((l) => l.label)), labels);
    });
  }

  describe('splitQueryPlan', () => {
    const split = (q: string) => {
      const detector = createQueryGrounder(wn, COCO80_LABELS, COCO80_LABEL_SENSES, { kindOf: COCO80_KIND_OF }).groundQuery(q);
      const reached = detector.phrases.some((p) => p.labels.length);
      return splitQueryPlan(reached ? detector : undefined, createSpectralGrounder(wn).groundQuery(q));
    };
    const table: { q: string; detector: string[]; spectral: string[]; ungroundable: string[] }[] = [
      { q: 'water and cars', detector: ['car'], spectral: ['water'], ungroundable: [] },
      { q: 'water', detector: [], spectral: ['water'], ungroundable: [] },
      { q: 'bare soil, vegetation and the sea', detector: [], spectral: ['water', 'vegetation', 'bare soil'], ungroundable: [] },
      { q: 'lakes and unicorns', detector: [], spectral: ['water'], ungroundable: ['unicorns'] },
      { q: 'people, rivers, unicorns', detector: ['person'], spectral: ['water'], ungroundable: ['unicorns'] },
    ];
    for (const c of table) {
      it(c.q, () => {
        const s = split(c.q);
        assert.deepEqual(s.detector?.phrases.flatMap((p) => p.labels.map((l) => l.label)) ?? [], c.detector);
        assert.deepEqual(s.spectral.map((k) => k.kind), c.spectral);
        assert.deepEqual(s.plan.ungroundable, c.ungroundable);
      });
    }
    it('stamps each kind with the phrase that reached it', () => {
      assert.deepEqual(split('the sea and trees').spectral, [{ kind: 'water', phrase: 'sea' }, { kind: 'vegetation', phrase: 'trees' }]);
    });
  });
});
