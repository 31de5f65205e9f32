import assert from 'node:assert/strict';
import { outputGeometry, type FitMode } from '../../../../src/sources/video/output-geometry';

describe('outputGeometry', () => {
  const cases: Array<[string, [number, number, number, number, FitMode], [number, number], [number, number]]> = [
    // name, (source w, h, buffer W, H, fit), scaled size, (scaleX, scaleY)
    ['vtest 768x576 letterboxed into 416x416', [768, 576, 416, 416, 'letterbox'], [416, 312], [416 / 768, 416 / 768]],
    ['portrait 576x768 letterboxed into 416x416', [576, 768, 416, 416, 'letterbox'], [312, 416], [416 / 768, 416 / 768]],
    ['float edge: 576 * (416 / 576) stays 416', [1000, 576, 1000, 416, 'letterbox'], [722, 416], [416 / 576, 416 / 576]],
    ['fastestdet 500x335 into 416x416', [500, 335, 416, 416, 'letterbox'], [416, 278], [0.832, 0.832]],
    ['upscale letterbox', [160, 120, 640, 640, 'letterbox'], [640, 480], [4, 4]],
    ['same size letterbox', [320, 240, 320, 240, 'letterbox'], [320, 240], [1, 1]],
    ['stretch', [768, 432, 320, 320, 'stretch'], [320, 320], [320 / 768, 320 / 432]],
    ['tiny source axis never scales to 0', [4000, 1, 8, 8, 'letterbox'], [8, 1], [0.002, 0.002]],
  ];
  for (const [name, [w, h, W, H, fit], [sw, sh], [sx, sy]] of cases) {
    it(name, () => {
      const g = outputGeometry(w, h, W, H, fit);
      assert.deepEqual([g.width, g.height, g.scaledWidth, g.scaledHeight], [W, H, sw, sh]);
      assert.deepEqual(g.toSource, { scaleX: sx, scaleY: sy, offsetX: 0, offsetY: 0 });
    });
  }
});
