import assert from 'node:assert/strict';
import { fillMask } from '../../../src/render';
import { pixelAt, solidImage } from './images';

describe('fillMask', () => {
  const cases: { name: string; alpha: number; base: number; tint: number; out: number }[] = [
    { name: 'alpha 1 paints the colour', alpha: 1, base: 10, tint: 250, out: 250 },
    { name: 'alpha 0 leaves the pixel', alpha: 0, base: 10, tint: 250, out: 10 },
    { name: 'alpha 0.5 averages', alpha: 0.5, base: 0, tint: 255, out: 128 },
    { name: 'alpha above 1 is taken as 1', alpha: 3, base: 0, tint: 77, out: 77 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const img = solidImage(3, 2, [c.base, c.base, c.base]);
      fillMask(img, new Uint8Array([0, 1, 255, 0, 0, 0]), [c.tint, c.tint, c.tint], c.alpha);
      assert.deepEqual(pixelAt(img, 1, 0), [c.out, c.out, c.out]);
      assert.deepEqual(pixelAt(img, 2, 0), [c.out, c.out, c.out]);
      for (const [x, y] of [[0, 0], [0, 1], [1, 1], [2, 1]]) assert.deepEqual(pixelAt(img, x, y), [c.base, c.base, c.base]);
    });
  }

  it('samples a mask of another size nearest-neighbour', () => {
    const img = solidImage(4, 4);
    // 2x2 mask, top-right quarter on: image pixels x 2..3, y 0..1.
    fillMask(img, { width: 2, height: 2, data: new Uint8Array([0, 1, 0, 0]) }, [255, 0, 0], 1);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) assert.deepEqual(pixelAt(img, x, y), x >= 2 && y < 2 ? [255, 0, 0] : [0, 0, 0]);
  });

  it('refuses a bare mask of the wrong length', () => {
    assert.throws(() => fillMask(solidImage(4, 4), new Uint8Array(15), [1, 1, 1]), /one byte per image pixel/);
  });
});
