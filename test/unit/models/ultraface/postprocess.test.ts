import assert from 'node:assert/strict';
import { decodeUltraface, type UltrafaceDecodeOptions } from '../../../../src/models/ultraface/postprocess';

/** One made-up anchor: face probability and corners as fractions of the input. */
interface Anchor { p: number; box: [number, number, number, number] }

/** Made-up `scores` [1, N, 2] (background = 1 − p, face = p) and `boxes` [1, N, 4]. */
function outputs(anchors: Anchor[]) {
  const scores = new Float32Array(anchors.length * 2);
  const boxes = new Float32Array(anchors.length * 4);
  anchors.forEach((a, i) => {
    scores.set([1 - a.p, a.p], i * 2);
    boxes.set(a.box, i * 4);
  });
  return { scores: { data: scores, dims: [1, anchors.length, 2] }, boxes: { data: boxes, dims: [1, anchors.length, 4] } };
}

const identity = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
// A 100 × 50 input seen at source size: fractions × (100, 50) are source pixels.
const base: UltrafaceDecodeOptions = { inputWidth: 100, inputHeight: 50, scoreThreshold: 0.7, toSource: identity, sourceWidth: 100, sourceHeight: 50 };

function decode(anchors: Anchor[], options: Partial<UltrafaceDecodeOptions> = {}) {
  const o = outputs(anchors);
  return decodeUltraface(o.scores, o.boxes, { ...base, ...options });
}

const boxesOf = (d: { xyxy: Float32Array }) => Array.from({ length: d.xyxy.length / 4 }, (_, i) => Array.from(d.xyxy.subarray(i * 4, i * 4 + 4)));

describe('decodeUltraface', () => {
  const mappings = [
    { name: 'at source size', toSource: identity, source: [100, 50], want: [10, 10, 30, 40] },
    // A 400 × 100 source stretched into 100 × 50: x ÷ 0.25, y ÷ 0.5.
    { name: 'stretched from a wider source (each axis its own scale)', toSource: { scaleX: 0.25, scaleY: 0.5, offsetX: 0, offsetY: 0 }, source: [400, 100], want: [40, 20, 120, 80] },
  ];
  for (const m of mappings) {
    it(`maps corner fractions to source pixels ${m.name}`, () => {
      const d = decode([{ p: 0.9, box: [0.1, 0.2, 0.3, 0.8] }], { toSource: m.toSource, sourceWidth: m.source[0], sourceHeight: m.source[1] });
      assert.deepEqual(boxesOf(d).map((b) => b.map((v) => Math.round(v * 1000) / 1000)), [m.want]);
    });
  }

  // 0.75 is exact in float32, so "at the threshold" is exactly at it.
  const thresholds = [
    { p: 0.74, kept: false },
    { p: 0.75, kept: true },
    { p: 0.95, kept: true },
  ];
  for (const t of thresholds) {
    it(`${t.kept ? 'keeps' : 'drops'} a face of probability ${t.p} at threshold 0.75 (column 1 is the face)`, () => {
      const d = decode([{ p: t.p, box: [0.1, 0.1, 0.2, 0.2] }], { scoreThreshold: 0.75 });
      assert.equal(d.score.length, t.kept ? 1 : 0);
      if (t.kept) assert.ok(Math.abs(d.score[0] - t.p) < 1e-6);
    });
  }

  // Second box shifted right by `dx` input pixels on a 20 × 20 box: IoU = (20 − dx) / (20 + dx).
  const overlaps = [
    { dx: 8, iou: 12 / 28, kept: 1 },
    { dx: 10, iou: 10 / 30, kept: 1 },
    { dx: 11, iou: 9 / 31, kept: 2 },
  ];
  for (const o of overlaps) {
    it(`suppresses at IoU 0.3: IoU ${o.iou.toFixed(3)} keeps ${o.kept}`, () => {
      const d = decode([
        { p: 0.8, box: [(10 + o.dx) / 100, 0.2, (30 + o.dx) / 100, 0.6] },
        { p: 0.9, box: [0.1, 0.2, 0.3, 0.6] },
      ]);
      assert.equal(d.score.length, o.kept);
      assert.ok(Math.abs(d.score[0] - 0.9) < 1e-6, 'highest score first');
    });
  }

  it('suppresses on unclipped boxes and clips only the kept ones (as the reference)', () => {
    // Unclipped: [-150,0,50,25] and [0,0,50,25] overlap by IoU 0.25 → both kept; clipped they would be equal.
    const d = decode([{ p: 0.9, box: [-1.5, 0, 0.5, 0.5] }, { p: 0.8, box: [0, 0, 0.5, 0.5] }]);
    assert.deepEqual(boxesOf(d), [[0, 0, 50, 25], [0, 0, 50, 25]]);
  });

  it('clips boxes to the source frame', () => {
    const d = decode([{ p: 0.9, box: [-0.1, -0.2, 1.2, 1.5] }]);
    assert.deepEqual(boxesOf(d), [[0, 0, 100, 50]]);
  });

  it('labels every face "face", class 0 (or the given label)', () => {
    const anchors = [{ p: 0.9, box: [0, 0, 0.1, 0.1] as Anchor['box'] }, { p: 0.8, box: [0.5, 0.5, 0.6, 0.6] as Anchor['box'] }];
    assert.deepEqual(decode(anchors).label, ['face', 'face']);
    assert.deepEqual(Array.from(decode(anchors).classId), [0, 0]);
    assert.deepEqual(decode(anchors, { label: 'visage' }).label, ['visage', 'visage']);
  });

  const caps = [
    { name: 'candidateSize', options: { candidateSize: 2 }, want: [0.95, 0.9] },
    { name: 'maxDetections', options: { maxDetections: 1 }, want: [0.95] },
    { name: 'no cap', options: {}, want: [0.95, 0.9, 0.8] },
  ];
  for (const c of caps) {
    it(`keeps the highest-scoring separate faces under ${c.name}`, () => {
      const d = decode([
        { p: 0.8, box: [0, 0, 0.1, 0.1] },
        { p: 0.95, box: [0.3, 0, 0.4, 0.1] },
        { p: 0.9, box: [0.6, 0, 0.7, 0.1] },
      ], c.options);
      assert.deepEqual(Array.from(d.score, (s) => Math.round(s * 100) / 100), c.want);
    });
  }

  it('returns no detections when no anchor passes', () => {
    const d = decode([{ p: 0.1, box: [0, 0, 1, 1] }]);
    assert.deepEqual([d.score.length, d.xyxy.length, d.label.length], [0, 0, 0]);
  });

  const badShapes = [
    { name: 'scores with 3 columns', scores: [1, 2, 3], boxes: [1, 2, 4], re: /scores.*\[1, anchors, 2\]/ },
    { name: 'boxes with 5 columns', scores: [1, 2, 2], boxes: [1, 2, 5], re: /boxes.*\[1, anchors, 4\]/ },
    { name: 'a batch of 2', scores: [2, 2, 2], boxes: [2, 2, 4], re: /scores/ },
    { name: 'different anchor counts', scores: [1, 2, 2], boxes: [1, 3, 4], re: /disagree/ },
  ];
  for (const b of badShapes) {
    it(`rejects ${b.name}`, () => {
      const size = (d: number[]) => d.reduce((x, y) => x * y, 1);
      const scores = { data: new Float32Array(size(b.scores)), dims: b.scores };
      const boxes = { data: new Float32Array(size(b.boxes)), dims: b.boxes };
      assert.throws(() => decodeUltraface(scores, boxes, base), b.re);
    });
  }
});
