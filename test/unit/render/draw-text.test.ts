import assert from 'node:assert/strict';
import { drawText, glyphCode, glyphPixel, measureText } from '../../../src/render';
import { changedPixels, copyImage, pixelAt, solidImage } from './images';

const WHITE = [255, 255, 255] as const;

describe('measureText', () => {
  const cases: { text: string; scale: number; size: [number, number] }[] = [
    { text: '', scale: 1, size: [0, 0] },
    { text: 'A', scale: 1, size: [5, 7] },
    { text: 'AB', scale: 1, size: [11, 7] },
    { text: 'person 4', scale: 2, size: [94, 14] },
    { text: 'ab\nlonger', scale: 1, size: [35, 15] },
    { text: 'é✓', scale: 1, size: [11, 7] },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.text)} at scale ${c.scale}`, () => {
      const s = measureText(c.text, c.scale);
      assert.deepEqual([s.widthPx, s.heightPx], c.size);
    });
  }
});

describe('drawText', () => {
  const cases: { name: string; text: string; x: number; y: number; scale: number }[] = [
    { name: 'one line at scale 1', text: 'person 4 0.87', x: 3, y: 2, scale: 1 },
    { name: 'two lines at scale 2', text: 'Hi\n42', x: 10, y: 10, scale: 2 },
    { name: 'punctuation and digits', text: '#@%&()[]{}', x: 0, y: 20, scale: 1 },
    { name: 'non-ASCII as ?', text: 'café 🙂', x: 1, y: 30, scale: 1 },
  ];
  for (const c of cases) {
    it(`${c.name}: every ink pixel inside the measured box, the glyphs' pixels set`, () => {
      const img = solidImage(120, 48);
      const before = copyImage(img);
      const box = drawText(img, c.x, c.y, c.text, WHITE, { scale: c.scale });
      const size = measureText(c.text, c.scale);
      assert.deepEqual(box, { x0: c.x, y0: c.y, x1: c.x + size.widthPx, y1: c.y + size.heightPx });
      const changed = changedPixels(before, img);
      assert.ok(changed.length > 0);
      for (const [x, y] of changed) assert.ok(x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1, `pixel ${x},${y} outside the text box`);
      // Every changed pixel is exactly a font pixel of its character cell.
      const lines = c.text.split('\n').map((l) => Array.from(l));
      let expected = 0;
      lines.forEach((chars, li) =>
        chars.forEach((ch, ci) => {
          for (let row = 0; row < 7; row++) {
            for (let col = 0; col < 5; col++) {
              if (!glyphPixel(glyphCode(ch), col, row)) continue;
              for (let dy = 0; dy < c.scale; dy++) {
                for (let dx = 0; dx < c.scale; dx++) {
                  const px = c.x + (ci * 6 + col) * c.scale + dx;
                  const py = c.y + (li * 8 + row) * c.scale + dy;
                  assert.deepEqual(pixelAt(img, px, py), [...WHITE], `glyph ${ch} pixel ${col},${row}`);
                  expected++;
                }
              }
            }
          }
        }),
      );
      assert.equal(changed.length, expected);
    });
  }

  it('draws characters outside printable ASCII as ?', () => {
    const a = solidImage(12, 8);
    const b = solidImage(12, 8);
    drawText(a, 0, 0, 'é', WHITE);
    drawText(b, 0, 0, '?', WHITE);
    assert.deepEqual(a.pixels, b.pixels);
    assert.equal(glyphCode('\t'), 0x3f);
  });

  it('fills the background box with padding, under the ink', () => {
    const img = solidImage(40, 20);
    const box = drawText(img, 5, 5, 'A', WHITE, { background: [200, 0, 0], paddingPx: 2 });
    assert.deepEqual(box, { x0: 3, y0: 3, x1: 12, y1: 14 });
    assert.deepEqual(pixelAt(img, 3, 3), [200, 0, 0]);
    assert.deepEqual(pixelAt(img, 11, 13), [200, 0, 0]);
    assert.deepEqual(pixelAt(img, 12, 14), [0, 0, 0]);
    assert.deepEqual(pixelAt(img, 5, 6), [...WHITE]); // 'A' has ink at column 0, row 1
  });

  it('clips text that runs off the image', () => {
    const img = solidImage(10, 5);
    assert.doesNotThrow(() => drawText(img, 4, 1, 'WWWW', WHITE, { scale: 2, background: [1, 2, 3] }));
    assert.doesNotThrow(() => drawText(img, -50, -50, 'x', WHITE));
  });
});
