import assert from 'node:assert/strict';
import { decodeFastestdet } from '../../../../src/models/fastestdet/postprocess';

const LABELS = ['person', 'car', 'dog'];
const C = 5 + LABELS.length;
const G = 4; // 4×4 cells
const identity = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
const base = { inputWidth: 32, inputHeight: 32, scoreThreshold: 0.3, labels: LABELS, toSource: identity, sourceWidth: 1000, sourceHeight: 1000 };

const logit = (p: number): number => Math.log(p / (1 - p));
/** Raw box terms for a centre offset (tanh) and a size fraction (sigmoid). */
const raw = (dx: number, dy: number, w: number, h: number): [number, number, number, number] => [Math.atanh(dx), Math.atanh(dy), logit(w), logit(h)];

interface Cell { gx: number; gy: number; obj: number; box: [number, number, number, number]; cls: number[] }

/** A made-up `[1, 5 + classes, H, W]` output (channel-major): every cell empty except the ones given. */
function tensor(cells: Cell[], h = G, w = G) {
  const data = new Float32Array(C * h * w);
  for (const c of cells) {
    const i = c.gy * w + c.gx;
    [c.obj, ...c.box, ...c.cls].forEach((v, ch) => { data[ch * h * w + i] = v; });
  }
  return { data, dims: [1, C, h, w] };
}

const boxOf = (d: { xyxy: Float32Array }, i = 0): number[] => Array.from(d.xyxy.subarray(i * 4, i * 4 + 4)).map((v) => Math.round(v * 1e4) / 1e4);

describe('decodeFastestdet', () => {
  const cases: { name: string; cell: Cell; box: number[]; label: string; score: number }[] = [
    {
      // cell (1, 2): centre ((1 + 0) / 4, (2 + 0.5) / 4) of 32 px = (8, 20); size (0.25, 0.5) · 32 = (8, 16)
      name: 'a tanh offset from the cell corner and a sigmoid size, as fractions of the input',
      cell: { gx: 1, gy: 2, obj: 0.9, box: raw(0, 0.5, 0.25, 0.5), cls: [0.1, 0.8, 0.1] },
      box: [4, 12, 12, 28], label: 'car', score: 0.72,
    },
    {
      // cell (3, 0): offset −1 … +1 reaches the neighbouring cells: centre ((3 − 0.5) / 4, (0 + 0.75) / 4)·32 = (20, 6)
      name: 'negative offsets into the previous cell',
      cell: { gx: 3, gy: 0, obj: 1, box: raw(-0.5, 0.75, 0.5, 0.125), cls: [0.5, 0, 0.5] },
      box: [12, 4, 28, 8], label: 'person', score: 0.5,
    },
    {
      // centre (4, 4), size 1 · 32 → [−12, −12, 20, 20] clipped to the source at 0
      name: 'boxes clipped to the source frame',
      cell: { gx: 0, gy: 0, obj: 0.8, box: raw(0.5, 0.5, 0.999999, 0.999999), cls: [0, 0, 1] },
      box: [0, 0, 20, 20], label: 'dog', score: 0.8,
    },
  ];
  for (const c of cases) {
    it(`decodes ${c.name}`, () => {
      const d = decodeFastestdet(tensor([c.cell]), base);
      assert.equal(d.score.length, 1);
      assert.deepEqual(boxOf(d), c.box);
      assert.equal(d.label[0], c.label);
      assert.equal(d.classId[0], LABELS.indexOf(c.label));
      assert.ok(Math.abs(d.score[0] - c.score) < 1e-6, `score ${d.score[0]}`);
    });
  }

  it('scales fractions by each input side and maps a stretch back to source pixels', () => {
    // 64×32 input from a 128×128 source: x ÷ 0.5, y ÷ 0.25; centre (8·2, 20) → (16, 20), size (16, 16)
    const d = decodeFastestdet(tensor([cases[0].cell]), { ...base, inputWidth: 64, toSource: { scaleX: 0.5, scaleY: 0.25, offsetX: 0, offsetY: 0 }, sourceWidth: 128, sourceHeight: 128 });
    assert.deepEqual(boxOf(d), [16, 48, 48, 112]); // tensor [8, 12, 24, 28]
  });

  it('reads any grid size from the output', () => {
    // 8 columns × 2 rows: cell (1, 0) with offsets 0.5 → centre (1.5 / 8, 0.5 / 2)·32 = (6, 8); size (8, 16)
    const d = decodeFastestdet(tensor([{ gx: 1, gy: 0, obj: 1, box: raw(0.5, 0.5, 0.25, 0.5), cls: [1, 0, 0] }], 2, 8), base);
    assert.deepEqual(boxOf(d), [2, 0, 10, 16]);
  });

  it('drops cells under the threshold and applies class-wise NMS', () => {
    const box = raw(0.5, 0.5, 0.25, 0.25); // centre of its cell, 8×8 px
    const d = decodeFastestdet(tensor([
      { gx: 1, gy: 1, obj: 0.95, box, cls: [0.9, 0.1, 0] }, // [8, 8, 16, 16], 0.855
      { gx: 2, gy: 1, obj: 0.9, box: raw(-0.4, 0.5, 0.25, 0.25), cls: [0.8, 0.2, 0] }, // [8.8, 8, 16.8, 16]: same object, weaker
      { gx: 1, gy: 2, obj: 0.9, box: raw(0.5, -0.5, 0.25, 0.25), cls: [0, 0.9, 0.1] }, // [8, 8, 16, 16] as a car: kept
      { gx: 3, gy: 3, obj: 0.25, box, cls: [1, 0, 0] }, // objectness under 0.3
      { gx: 0, gy: 3, obj: 0.5, box, cls: [0.5, 0.3, 0.2] }, // 0.25 < 0.3
    ]), base);
    assert.deepEqual(d.label, ['person', 'car']);
    assert.deepEqual(boxOf(d, 0), [8, 8, 16, 16]);
    assert.deepEqual(boxOf(d, 1), [8, 8, 16, 16]);
    assert.ok(Math.abs(d.score[0] - 0.855) < 1e-6);
  });

  it('returns no detections for an empty output', () => {
    assert.equal(decodeFastestdet(tensor([]), base).score.length, 0);
  });

  const bad: { name: string; output: { data: Float32Array; dims: number[] }; error: RegExp }[] = [
    { name: 'a channel count that does not fit the labels', output: { data: new Float32Array(9 * 16), dims: [1, 9, 4, 4] }, error: /9 channels; 5 \+ 3 labels = 8 expected/ },
    { name: 'a 3-d output', output: { data: new Float32Array(8 * 16), dims: [8, 4, 4] }, error: /must be \[1, 5 \+ classes, H, W\]/ },
    { name: 'data that does not fill the shape', output: { data: new Float32Array(8 * 15), dims: [1, 8, 4, 4] }, error: /120 values/ },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}`, () => {
      assert.throws(() => decodeFastestdet(b.output, base), b.error);
    });
  }
});
