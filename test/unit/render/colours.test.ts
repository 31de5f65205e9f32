import assert from 'node:assert/strict';
import { colourFor, PALETTE, regionColour, textColourOn } from '../../../src/render';

describe('colours', () => {
  it('gives a track id the same colour every time, and neighbouring ids different ones', () => {
    for (let id = 1; id < 40; id++) {
      assert.deepEqual(colourFor(id), colourFor(id));
      assert.notDeepEqual(colourFor(id), colourFor(id + 1));
    }
    assert.deepEqual(colourFor(4), PALETTE[4]);
  });

  it('gives a label a fixed palette colour', () => {
    assert.deepEqual(colourFor('person'), colourFor('person'));
    assert.ok(PALETTE.includes(colourFor('car')));
  });

  const cases: { name: string; region: { box: number[]; label: string; trackId?: number }; by: 'auto' | 'track' | 'label'; expect: readonly number[] }[] = [
    { name: 'auto, tracked → track colour', region: { box: [0, 0, 1, 1], label: 'person', trackId: 7 }, by: 'auto', expect: colourFor(7) },
    { name: 'auto, untracked → label colour', region: { box: [0, 0, 1, 1], label: 'person', trackId: 0 }, by: 'auto', expect: colourFor('person') },
    { name: 'label even when tracked', region: { box: [0, 0, 1, 1], label: 'car', trackId: 7 }, by: 'label', expect: colourFor('car') },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(regionColour(c.region, c.by), c.expect));

  it('picks readable text on light and dark backgrounds', () => {
    assert.deepEqual(textColourOn([255, 255, 0]), [0, 0, 0]);
    assert.deepEqual(textColourOn([0, 24, 236]), [255, 255, 255]);
  });
});
