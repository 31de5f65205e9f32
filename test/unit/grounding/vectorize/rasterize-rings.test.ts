import assert from 'node:assert/strict';
import { prepareShape, rasterizeShapes, type PixelWindow, type RasterShape } from '../../../../src/grounding/vectorize/rasterize-rings';

/** Rows of a rasterised window as strings of digits. */
function paint(shapes: RasterShape[], window: PixelWindow, stride?: number): string[] {
  const w = window.x1 - window.x0;
  const s = stride ?? w;
  const out = new Uint8Array(s * (window.y1 - window.y0));
  rasterizeShapes(shapes.map(prepareShape), window, out, s);
  const rows: string[] = [];
  for (let y = 0; y < window.y1 - window.y0; y++) rows.push(Array.from(out.subarray(y * s, y * s + w)).join(''));
  return rows;
}

const W6: PixelWindow = { x0: 0, y0: 0, x1: 6, y1: 6 };

describe('rasterizeShapes (even-odd, pixel-centre rule)', () => {
  const cases: { name: string; shapes: RasterShape[]; window?: PixelWindow; want: string[] }[] = [
    {
      name: 'an axis-aligned box on pixel corners fills exactly its pixels',
      shapes: [{ rings: [[1, 1, 4, 1, 4, 3, 1, 3]], value: 1 }],
      want: ['000000', '011100', '011100', '000000', '000000', '000000'],
    },
    {
      name: 'a closed ring (first point repeated) fills the same',
      shapes: [{ rings: [[1, 1, 4, 1, 4, 3, 1, 3, 1, 1]], value: 1 }],
      want: ['000000', '011100', '011100', '000000', '000000', '000000'],
    },
    {
      name: 'a hole stays empty whatever its winding',
      shapes: [{ rings: [[0, 0, 5, 0, 5, 5, 0, 5], [2, 2, 2, 3, 3, 3, 3, 2]], value: 2 }],
      want: ['222220', '222220', '220220', '222220', '222220', '000000'],
    },
    {
      name: 'a box not on pixel corners takes the pixels whose centres it covers',
      shapes: [{ rings: [[0.6, 0.4, 2.6, 0.4, 2.6, 1.6, 0.6, 1.6]], value: 3 }],
      want: ['033000', '033000', '000000', '000000', '000000', '000000'],
    },
    {
      name: 'a triangle',
      shapes: [{ rings: [[0, 0, 6, 0, 0, 6]], value: 1 }],
      want: ['111110', '111100', '111000', '110000', '100000', '000000'],
    },
    {
      name: 'later shapes paint over earlier ones; shared edges give each pixel to one shape',
      shapes: [{ rings: [[0, 0, 4, 0, 4, 4, 0, 4]], value: 1 }, { rings: [[2, 2, 6, 2, 6, 6, 2, 6]], value: 2 }],
      want: ['111100', '111100', '112222', '112222', '002222', '002222'],
    },
    {
      name: 'a window offset in the scene sees only its part',
      shapes: [{ rings: [[1, 1, 4, 1, 4, 3, 1, 3]], value: 1 }],
      window: { x0: 2, y0: 1, x1: 5, y1: 3 },
      want: ['110', '110'],
    },
    {
      name: 'a shape outside the window, or a degenerate ring, paints nothing',
      shapes: [{ rings: [[10, 10, 12, 10, 12, 12, 10, 12]], value: 1 }, { rings: [[1, 1, 3, 3]], value: 1 }],
      want: ['000000', '000000', '000000', '000000', '000000', '000000'],
    },
    {
      name: 'two rings of a multipolygon both fill',
      shapes: [{ rings: [[0, 0, 1, 0, 1, 1, 0, 1], [4, 4, 6, 4, 6, 6, 4, 6]], value: 5 }],
      want: ['500000', '000000', '000000', '000000', '000055', '000055'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(paint(c.shapes, c.window ?? W6), c.want));
  }

  it('writes rows with a stride wider than the window', () => {
    const out = new Uint8Array(8 * 2);
    rasterizeShapes([prepareShape({ rings: [[0, 0, 2, 0, 2, 2, 0, 2]], value: 9 })], { x0: 0, y0: 0, x1: 4, y1: 2 }, out, 8);
    assert.deepEqual(Array.from(out), [9, 9, 0, 0, 0, 0, 0, 0, 9, 9, 0, 0, 0, 0, 0, 0]);
  });
});
