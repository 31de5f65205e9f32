import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import { cropQuad } from '../../../../src/models/ocr/crop-quad';
import { rotateLine180 } from '../../../../src/models/ocr/line-image';
import type { Point, Quad } from '../../../../src/models/ocr/point';
import { applyHomography, squareToQuad } from '../../../../src/models/ocr/quad-homography';

/** A frame whose pixel (x, y) is B = x, G = y, R = 100 + x + y, in the given layout. */
function gradient(width: number, height: number, layout: Frame['layout']): Frame {
  const plane = width * height;
  const pixels = new Uint8Array(plane * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const [b, g, r] = [x, y, 100 + x + y];
      if (layout === 'bgr24') pixels.set([b, g, r], i * 3);
      else if (layout === 'rgb24') pixels.set([r, g, b], i * 3);
      else { pixels[i] = g; pixels[plane + i] = b; pixels[2 * plane + i] = r; }
    }
  }
  return { sourceId: 't', index: 0, ptsSec: 0, width, height, layout, pixels, sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

const bgrAt = (line: { width: number; data: Float32Array }, u: number, v: number): number[] =>
  Array.from(line.data.subarray((v * line.width + u) * 3, (v * line.width + u) * 3 + 3)).map((x) => Math.round(x * 1000) / 1000);

describe('squareToQuad', () => {
  const quads: { name: string; quad: Quad }[] = [
    { name: 'axis-aligned rectangle', quad: [[10, 20], [50, 20], [50, 30], [10, 30]] },
    { name: 'parallelogram (affine)', quad: [[0, 0], [40, 10], [38, 20], [-2, 10]] },
    { name: 'general quad (projective)', quad: [[10, 10], [30, 12], [29, 20], [9, 18]] },
  ];
  for (const c of quads) {
    it(`maps the unit square's corners to the ${c.name}'s`, () => {
      const H = squareToQuad(c.quad);
      const got = ([[0, 0], [1, 0], [1, 1], [0, 1]] as Point[]).map(([s, t]) => applyHomography(H, s, t));
      got.forEach((p, i) => assert.ok(Math.hypot(p[0] - c.quad[i][0], p[1] - c.quad[i][1]) < 1e-9, `corner ${i}: ${p}`));
    });
  }
});

describe('cropQuad', () => {
  it('cuts an axis-aligned box pixel for pixel', () => {
    const line = cropQuad(gradient(20, 10, 'bgr24'), [[3, 2], [9, 2], [9, 5], [3, 5]]);
    assert.deepEqual([line.width, line.height], [6, 3]);
    assert.deepEqual(bgrAt(line, 0, 0), [3, 2, 105]);
    assert.deepEqual(bgrAt(line, 5, 2), [8, 4, 112]);
  });

  for (const layout of ['rgb24', 'gbrp'] as const) {
    it(`gives B, G, R from a ${layout} frame as from bgr24`, () => {
      const q: Quad = [[2.3, 1.7], [14.1, 3.2], [13.6, 7.9], [1.8, 6.4]];
      assert.deepEqual(cropQuad(gradient(20, 10, layout), q).data, cropQuad(gradient(20, 10, 'bgr24'), q).data);
    });
  }

  it('straightens a slanted box: the crop\'s rows run along the box', () => {
    // A box along the diagonal x = y (45°), 10√2 long and 2√2 tall.
    const q: Quad = [[6, 4], [16, 14], [14, 16], [4, 6]];
    const line = cropQuad(gradient(30, 30, 'bgr24'), q);
    assert.deepEqual([line.width, line.height], [14, 2]);
    // Along a row both x and y grow; down a column x falls and y grows.
    const [b0, g0] = bgrAt(line, 0, 0);
    const [b1, g1] = bgrAt(line, 13, 0);
    const [b2, g2] = bgrAt(line, 0, 1);
    assert.ok(b1 - b0 > 8 && g1 - g0 > 8, `row ${[b0, g0]} → ${[b1, g1]}`);
    assert.ok(b2 < b0 && g2 > g0, `column ${[b0, g0]} → ${[b2, g2]}`);
  });

  it('turns a tall box 90° counter-clockwise so it reads from its top-right corner', () => {
    const frame = gradient(20, 20, 'bgr24');
    const line = cropQuad(frame, [[5, 2], [8, 2], [8, 14], [5, 14]]);
    assert.deepEqual([line.width, line.height], [12, 3]);
    // Top-left of the crop is the box's top-right pixel (7, 2); along the row y grows.
    assert.deepEqual(bgrAt(line, 0, 0), [7, 2, 109]);
    assert.deepEqual(bgrAt(line, 11, 0), [7, 13, 120]);
    assert.deepEqual(bgrAt(line, 0, 2), [5, 2, 107]);
    assert.deepEqual([cropQuad(frame, [[5, 2], [8, 2], [8, 14], [5, 14]], { turnTall: false }).width], [3]);
  });

  it('repeats edge pixels for a box reaching outside the frame', () => {
    const line = cropQuad(gradient(10, 10, 'bgr24'), [[-2, 0], [3, 0], [3, 1], [-2, 1]]);
    assert.deepEqual(bgrAt(line, 0, 0), [0, 0, 100]);
    assert.deepEqual(bgrAt(line, 4, 0), [2, 0, 102]);
  });
});

describe('rotateLine180', () => {
  it('reverses the pixel order, keeping each pixel\'s B, G, R', () => {
    const line = { width: 3, height: 1, data: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9) };
    assert.deepEqual(Array.from(rotateLine180(line).data), [7, 8, 9, 4, 5, 6, 1, 2, 3]);
  });
});
