import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import { decodeCtc, toCtcCharset } from '../../../../src/models/ocr/ctc-decode';
import { decodeDirection } from '../../../../src/models/ocr/decode-direction';
import { detInputSize, toDetInput } from '../../../../src/models/ocr/det-input';
import { recBatchWidth, toLineBatch } from '../../../../src/models/ocr/line-batch';
import { parseDictionary } from '../../../../src/models/ocr/parse-dictionary';
import type { Point, Quad } from '../../../../src/models/ocr/point';
import { sortReadingOrder } from '../../../../src/models/ocr/sort-reading-order';

describe('detInputSize', () => {
  const cases = [
    { src: [1280, 720], want: [960, 544], why: 'longer side to 960, 540 → 544' },
    { src: [1000, 667], want: [960, 640], why: '667 · 0.96 = 640.3 → 640' },
    { src: [500, 500], want: [512, 512], why: 'no upscale, 500 rounds to 512' },
    { src: [500, 48], want: [512, 64], why: 'round half to even: 48 / 32 = 1.5 → 2' },
    { src: [500, 80], want: [512, 64], why: 'round half to even: 80 / 32 = 2.5 → 2' },
    { src: [300, 10], want: [288, 32], why: 'at least 32' },
    { src: [720, 1280], want: [544, 960], why: 'portrait' },
  ];
  for (const c of cases) {
    it(`${c.src.join('×')} → ${c.want.join('×')} (${c.why})`, () => {
      const s = detInputSize(c.src[0], c.src[1], 960);
      assert.deepEqual([s.width, s.height], c.want);
    });
  }
});

describe('toDetInput', () => {
  it('normalises B, G, R planes with ImageNet mean and std in that order', () => {
    const px = new Uint8Array(32 * 32 * 3);
    for (let i = 0; i < 32 * 32; i++) px.set([10, 128, 250], i * 3); // r, g, b in rgb24
    const frame: Frame = { sourceId: 't', index: 0, ptsSec: 0, width: 32, height: 32, layout: 'rgb24', pixels: px, sourceWidth: 32, sourceHeight: 32, toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
    const t = toDetInput(frame, 960);
    assert.deepEqual(t.dims, [1, 3, 32, 32]);
    const want = [(250 / 255 - 0.485) / 0.229, (128 / 255 - 0.456) / 0.224, (10 / 255 - 0.406) / 0.225];
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(t.data[k * 1024 + 77] - want[k]) < 1e-5, `channel ${k}: ${t.data[k * 1024 + 77]} vs ${want[k]}`);
  });
});

describe('recBatchWidth', () => {
  const cases = [
    { lines: [[100, 48]], want: 320, why: 'short lines pad to 320' },
    { lines: [[600, 30], [50, 30]], want: 960, why: 'widest line at height 48: 48 · 20' },
    { lines: [[10000, 10]], want: 4096, why: 'capped' },
    { lines: [], want: 320, why: 'empty' },
  ];
  for (const c of cases) {
    it(`${c.want} (${c.why})`, () => assert.equal(recBatchWidth(c.lines.map(([width, height]) => ({ width, height })), 48, 320, 4096), c.want));
  }
});

describe('toLineBatch', () => {
  const line = (width: number, height: number, bgr: number[]) => ({ width, height, data: Float32Array.from({ length: width * height * 3 }, (_, i) => bgr[i % 3]) });

  it('resizes to the height keeping the aspect, normalises to [-1, 1] and pads with 0', () => {
    const t = toLineBatch([line(4, 2, [0, 127.5, 255]), line(40, 2, [255, 255, 255])], { height: 4, width: 10 });
    assert.deepEqual(t.dims, [2, 3, 4, 10]);
    const at = (n: number, k: number, y: number, x: number) => t.data[((n * 3 + k) * 4 + y) * 10 + x];
    // Line 0: 4 × 2 → 8 × 4, then 2 columns of padding.
    assert.deepEqual([at(0, 0, 0, 0), at(0, 1, 3, 7), at(0, 2, 2, 5)], [-1, 0, 1]);
    assert.deepEqual([at(0, 0, 0, 8), at(0, 2, 3, 9)], [0, 0]);
    // Line 1 would be 80 wide: squeezed into all 10 columns.
    assert.equal(at(1, 1, 3, 9), 1);
  });

  it('interpolates bilinearly at half-pixel centres', () => {
    const l = { width: 2, height: 1, data: Float32Array.of(0, 0, 0, 255, 255, 255) };
    const t = toLineBatch([l], { height: 2, width: 4 });
    // Twice the height, so twice the width; columns 0..3 sample x = −0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    assert.deepEqual(Array.from(t.data.subarray(0, 4)).map((v) => Math.round((v + 1) * 127.5 * 100) / 100), [0, 63.75, 191.25, 255]);
  });
});

/** A `[1, steps, classes]` tensor where each step puts `p` on one class and the rest spread. */
function steps(classes: number, picks: [number, number][]): { data: Float32Array; dims: number[] } {
  const data = new Float32Array(picks.length * classes);
  picks.forEach(([c, p], t) => {
    data.fill((1 - p) / (classes - 1), t * classes, (t + 1) * classes);
    data[t * classes + c] = p;
  });
  return { data, dims: [1, picks.length, classes] };
}

describe('decodeCtc', () => {
  const charset = toCtcCharset(['D', 'O', 'N', 'T']); // ['', D, O, N, T, ' ']
  const cases: { name: string; picks: [number, number][]; text: string; score: number }[] = [
    { name: 'repeats merge', picks: [[1, 0.9], [1, 0.8], [2, 0.7]], text: 'DO', score: 0.8 },
    { name: 'a blank splits a repeat', picks: [[3, 0.9], [0, 0.9], [3, 0.7], [2, 0.5]], text: 'NNO', score: (0.9 + 0.7 + 0.5) / 3 },
    { name: 'the class after the dictionary is a space', picks: [[1, 1], [2, 1], [5, 1], [3, 1], [2, 1], [4, 1]], text: 'DO NOT', score: 1 },
    { name: 'all blank reads nothing, score 0', picks: [[0, 0.99], [0, 0.99]], text: '', score: 0 },
    { name: 'a repeat keeps the first step\'s probability', picks: [[4, 0.6], [4, 0.99]], text: 'T', score: 0.6 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [r] = decodeCtc(steps(6, c.picks), charset);
      assert.equal(r.text, c.text);
      assert.ok(Math.abs(r.score - c.score) < 1e-6, `score ${r.score}`);
    });
  }

  it('decodes each line of a batch', () => {
    const a = steps(6, [[1, 1], [2, 1]]);
    const b = steps(6, [[4, 1], [0, 1]]);
    const both = { data: Float32Array.from([...a.data, ...b.data]), dims: [2, 2, 6] };
    assert.deepEqual(decodeCtc(both, charset).map((r) => r.text), ['DO', 'T']);
  });

  it('refuses a dictionary that does not fit the model', () => {
    assert.throws(() => decodeCtc(steps(7, [[1, 1]]), charset), /7 classes.*6/);
  });
});

describe('decodeDirection', () => {
  const cases = [
    { p: [0.02, 0.98], flip: true },
    { p: [0.08, 0.92], flip: true },
    { p: [0.12, 0.88], flip: false },
    { p: [0.99, 0.01], flip: false },
  ];
  it('turns a line only when 180° wins above 0.9', () => {
    const probs = { data: Float32Array.from(cases.flatMap((c) => c.p)), dims: [cases.length, 2] };
    assert.deepEqual(decodeDirection(probs), cases.map((c) => c.flip));
  });
});

describe('sortReadingOrder', () => {
  const box = (x: number, y: number): Quad => [[x, y], [x + 10, y], [x + 10, y + 5], [x, y + 5]] as [Point, Point, Point, Point];
  const cases: { name: string; tops: [number, number][]; order: number[] }[] = [
    { name: 'top to bottom', tops: [[0, 50], [0, 10], [0, 30]], order: [1, 2, 0] },
    { name: 'one line, slightly slanted: left to right', tops: [[60, 10], [0, 14], [30, 12]], order: [1, 2, 0] },
    { name: 'a different line 10 px below stays after', tops: [[0, 20], [50, 10]], order: [1, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(sortReadingOrder(c.tops.map(([x, y]) => box(x, y))), c.order));
  }
});

describe('parseDictionary', () => {
  const cases = [
    { text: 'a\nb\n中', want: ['a', 'b', '中'] },
    { text: 'a\r\nb\r\n', want: ['a', 'b'] },
    { text: 'a\n\nb\n', want: ['a', '', 'b'] },
  ];
  for (const c of cases) it(JSON.stringify(c.text), () => assert.deepEqual(parseDictionary(c.text), c.want));
});
