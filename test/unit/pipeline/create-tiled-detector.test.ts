import assert from 'node:assert/strict';
import type { Detections } from '../../../src/core/detections';
import type { Frame } from '../../../src/core/frame';
import type { Detector } from '../../../src/models/detector';
import { cropFrame } from '../../../src/pipeline/crop-frame';
import { createTiledDetector } from '../../../src/pipeline/create-tiled-detector';

function frame(width: number, height: number, layout: Frame['layout'], value: (x: number, y: number, c: number) => number): Frame {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) {
    pixels[layout === 'gbrp' ? c * width * height + y * width + x : (y * width + x) * 3 + c] = value(x, y, c);
  }
  return { sourceId: 's', index: 3, ptsSec: 0.3, width, height, layout, pixels, sourceWidth: width, sourceHeight: height, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
}

describe('cropFrame', () => {
  for (const layout of ['gbrp', 'rgb24'] as const) {
    it(`copies a window of a ${layout} frame, keeping index and time`, () => {
      const f = frame(5, 4, layout, (x, y, c) => 100 * c + 10 * y + x);
      const crop = cropFrame(f, { x0: 1, y0: 2, x1: 4, y1: 4 });
      assert.deepEqual([crop.width, crop.height, crop.sourceWidth, crop.index, crop.ptsSec], [3, 2, 3, 3, 0.3]);
      const at = (x: number, y: number, c: number) => crop.pixels[layout === 'gbrp' ? c * 6 + y * 3 + x : (y * 3 + x) * 3 + c];
      assert.deepEqual([at(0, 0, 0), at(2, 1, 0), at(1, 0, 2)], [21, 33, 222]);
    });
  }
  it('refuses a window outside the frame', () => {
    assert.throws(() => cropFrame(frame(4, 4, 'gbrp', () => 0), { x0: 2, y0: 0, x1: 5, y1: 4 }), RangeError);
  });
});

describe('createTiledDetector', () => {
  // A bright 60x60 object at frame x 380..440: on the seam between tiles x 0..416 and x 288..704.
  const OBJECT = [380, 100, 440, 160];
  const bright = (x: number, y: number) => (x >= OBJECT[0] && x < OBJECT[2] && y >= OBJECT[1] && y < OBJECT[3] ? 255 : 0);
  /** Finds the bright pixels of whatever frame it gets: a cut box where the tile cuts the object. */
  const finder: Detector = {
    id: 'finder', version: 'v', labels: ['thing'], defaultScoreThreshold: 0.5,
    inputFormat: { width: 416, height: 416, layout: 'gbrp', fit: 'letterbox', padValue: 114 },
    async detect(f: Frame): Promise<Detections> {
      let x1 = Infinity, y1 = Infinity, x2 = -1, y2 = -1;
      for (let y = 0; y < f.height; y++) for (let x = 0; x < f.width; x++) {
        if (f.pixels[y * f.width + x] === 255) { x1 = Math.min(x1, x); y1 = Math.min(y1, y); x2 = Math.max(x2, x + 1); y2 = Math.max(y2, y + 1); }
      }
      if (x2 < 0) return { xyxy: new Float32Array(0), score: new Float32Array(0), classId: new Int32Array(0), label: [] };
      return { xyxy: Float32Array.from([x1, y1, x2, y2]), score: Float32Array.from([(x2 - x1) / 100]), classId: Int32Array.from([0]), label: ['thing'] };
    },
    async dispose() {},
  };

  it('finds an object on a tile seam once, with its whole box in frame pixels', async () => {
    const tiled = createTiledDetector(finder, { tileSizePx: 416, overlapPx: 128 });
    const d = await tiled.detect(frame(704, 416, 'gbrp', bright));
    assert.deepEqual(Array.from(d.xyxy), OBJECT);
    assert.deepEqual(d.label, ['thing']);
  });

  it('asks its source for full-size frames', () => {
    const tiled = createTiledDetector(finder, { tileSizePx: 416, overlapPx: 128 });
    assert.deepEqual([tiled.inputFormat.width, tiled.inputFormat.height, tiled.inputFormat.layout], [0, 0, 'gbrp']);
  });
});
