import assert from 'node:assert/strict';
import { drawBox } from '../../../src/render';
import { changedPixels, copyImage, pixelAt, solidImage } from './images';

const RED = [255, 0, 0] as const;

/** The set of pixels an outline of `t` px from pixel rect [x0, x1) x [y0, y1) covers, clipped to w x h. */
function expectedOutline(w: number, h: number, x0: number, y0: number, x1: number, y1: number, t: number): Set<string> {
  const out = new Set<string>();
  for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(w, x1); x++) {
      if (x < x0 + t || x >= x1 - t || y < y0 + t || y >= y1 - t) out.add(`${x},${y}`);
    }
  }
  return out;
}

describe('drawBox', () => {
  const cases: { name: string; box: number[]; t: number; rect: [number, number, number, number] | null }[] = [
    { name: 'integer box, 1 px', box: [4, 3, 12, 9], t: 1, rect: [4, 3, 12, 9] },
    { name: 'integer box, 2 px', box: [4, 3, 12, 9], t: 2, rect: [4, 3, 12, 9] },
    { name: 'fractional box covers every touched pixel', box: [4.5, 3.2, 11.1, 8.9], t: 1, rect: [4, 3, 12, 9] },
    { name: 'box cut by the image border has no edge there', box: [-5, -5, 10, 10], t: 2, rect: [-5, -5, 10, 10] },
    { name: 'box past the right/bottom edges', box: [15, 12, 30, 30], t: 1, rect: [15, 12, 30, 30] },
    { name: 'thickness above half the box fills it', box: [2, 2, 5, 5], t: 9, rect: [2, 2, 5, 5] },
    { name: 'box outside the image draws nothing', box: [30, 30, 40, 40], t: 2, rect: null },
    { name: 'empty box draws nothing', box: [5, 5, 5, 9], t: 2, rect: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const img = solidImage(20, 16);
      const before = copyImage(img);
      drawBox(img, c.box, RED, c.t);
      const changed = new Set(changedPixels(before, img).map(([x, y]) => `${x},${y}`));
      const t = c.rect ? Math.min(c.t, Math.ceil((c.rect[2] - c.rect[0]) / 2), Math.ceil((c.rect[3] - c.rect[1]) / 2)) : 0;
      const expected = c.rect ? expectedOutline(20, 16, ...c.rect, t) : new Set<string>();
      assert.deepEqual([...changed].sort(), [...expected].sort());
      for (const key of changed) {
        const [x, y] = key.split(',').map(Number);
        assert.deepEqual(pixelAt(img, x, y), [...RED]);
      }
    });
  }

  it('leaves the inside of the box untouched', () => {
    const img = solidImage(20, 16, [9, 9, 9]);
    drawBox(img, [2, 2, 18, 14], RED, 2);
    for (let y = 4; y < 12; y++) for (let x = 4; x < 16; x++) assert.deepEqual(pixelAt(img, x, y), [9, 9, 9]);
    assert.deepEqual(pixelAt(img, 2, 2), [...RED]);
    assert.deepEqual(pixelAt(img, 17, 13), [...RED]);
    assert.deepEqual(pixelAt(img, 3, 8), [...RED]);
  });

  it('refuses a buffer too small for its size, and non-rgb24 frames', () => {
    assert.throws(() => drawBox({ width: 4, height: 4, pixels: new Uint8Array(10) }, [0, 0, 2, 2], RED), /cannot hold a 4x4 rgb24 image/);
    assert.throws(() => drawBox({ width: 1, height: 1, pixels: new Uint8Array(3), layout: 'gbrp' }, [0, 0, 1, 1], RED), /layout gbrp/);
  });
});
