import assert from 'node:assert/strict';
import { decodeNanodet, type NanodetLevel } from '../../../../src/models/nanodet/postprocess';

const LABELS = ['person', 'car', 'dog'];
const INPUT = 32; // strides 8/16/32 → 4×4, 2×2 and 1×1 cells
const BINS = 8; // reg_max 7
const STRIDES = [8, 16, 32];
const identity = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
const base = { inputWidth: INPUT, inputHeight: INPUT, scoreThreshold: 0.3, labels: LABELS, toSource: identity, sourceWidth: 1000, sourceHeight: 1000 };

/**
 * A side given as a distance in strides: an integer puts (almost) all mass on that bin; `uniform`
 * spreads it evenly (expectation 3.5); `logits` gives the 8 bin logits directly.
 */
type Side = number | 'uniform' | number[];
interface Cell { stride: number; cell: number; cls: number[]; ltrb: [Side, Side, Side, Side] }

function sideLogits(side: Side): number[] {
  if (side === 'uniform') return Array(BINS).fill(0);
  if (Array.isArray(side)) return side;
  return Array.from({ length: BINS }, (_, k) => (k === side ? 50 : 0)); // e^-50: other bins weigh nothing
}

/** Made-up head outputs: every cell scores 0 except the ones given. */
function levels(cells: Cell[]): NanodetLevel[] {
  return STRIDES.map((stride) => {
    const n = (INPUT / stride) ** 2;
    const cls = new Float32Array(n * LABELS.length);
    const dis = new Float32Array(n * 4 * BINS);
    for (const c of cells.filter((x) => x.stride === stride)) {
      cls.set(c.cls, c.cell * LABELS.length);
      dis.set(c.ltrb.flatMap(sideLogits), c.cell * 4 * BINS);
    }
    return { stride, cls: { data: cls, dims: [1, n, LABELS.length] }, dis: { data: dis, dims: [1, n, 4 * BINS] } };
  });
}

const boxOf = (d: { xyxy: Float32Array }, i = 0): number[] => Array.from(d.xyxy.subarray(i * 4, i * 4 + 4)).map((v) => Math.round(v * 1e4) / 1e4);

describe('decodeNanodet', () => {
  const cases: { name: string; cell: Cell; box: number[]; label: string; score: number }[] = [
    {
      // stride 8, cell 5 → (gx 1, gy 1), prior ((1 + 0.5)·8, (1 + 0.5)·8) = (12, 12); l 1, t 0, r 2, b 1 strides
      name: 'one-hot distances around the (x + 0.5)·stride prior on stride 8',
      cell: { stride: 8, cell: 5, cls: [0.1, 0.8, 0.2], ltrb: [1, 0, 2, 1] },
      box: [4, 12, 28, 20], label: 'car', score: 0.8,
    },
    {
      // stride 16, cell 3 → (gx 1, gy 1), prior (24, 24); l 1, t 1, r 0, b 0 → [8, 8, 24, 24]
      name: 'the stride of its level (16)',
      cell: { stride: 16, cell: 3, cls: [0.9, 0, 0], ltrb: [1, 1, 0, 0] },
      box: [8, 8, 24, 24], label: 'person', score: 0.9,
    },
    {
      // right: bins 2 and 3 with probabilities 1/4 and 3/4 → 2.75 strides = 22 px; prior (4, 4) on stride 8
      name: 'the softmax expectation, not the arg-max bin',
      cell: { stride: 8, cell: 0, cls: [0, 0, 0.5], ltrb: [0, 0, [-1e4, -1e4, 0, Math.log(3), -1e4, -1e4, -1e4, -1e4], 1] },
      box: [4, 4, 26, 12], label: 'dog', score: 0.5,
    },
    {
      // stride 32, single cell, prior (16, 16); uniform bins → 3.5·32 = 112 px each side → clipped to the input
      name: 'boxes clipped to the input',
      cell: { stride: 32, cell: 0, cls: [0.6, 0, 0], ltrb: ['uniform', 'uniform', 'uniform', 'uniform'] },
      box: [0, 0, 32, 32], label: 'person', score: 0.6,
    },
  ];
  for (const c of cases) {
    it(`decodes ${c.name}`, () => {
      const d = decodeNanodet(levels([c.cell]), base);
      assert.equal(d.score.length, 1);
      assert.deepEqual(boxOf(d), c.box);
      assert.equal(d.label[0], c.label);
      assert.equal(d.classId[0], LABELS.indexOf(c.label));
      assert.ok(Math.abs(d.score[0] - c.score) < 1e-6, `score ${d.score[0]}`);
    });
  }

  it('maps boxes through a stretch (one scale per axis) to source pixels and clips to the frame', () => {
    // tensor 32×32 from a 64×128 source: x ÷ 0.5, y ÷ 0.25
    const toSource = { scaleX: 0.5, scaleY: 0.25, offsetX: 0, offsetY: 0 };
    const d = decodeNanodet(levels([cases[0].cell]), { ...base, toSource, sourceWidth: 50, sourceHeight: 128 });
    assert.deepEqual(boxOf(d), [8, 48, 50, 80]); // [4,12,28,20] → [8,48,56,80], x clipped to 50
  });

  it('drops cells under the threshold and applies class-wise NMS', () => {
    const d = decodeNanodet(levels([
      { stride: 8, cell: 5, cls: [0.9, 0, 0], ltrb: [1, 1, 1, 1] },
      { stride: 8, cell: 6, cls: [0.8, 0, 0], ltrb: [2, 1, 0, 1] }, // the same box from the next cell: suppressed
      { stride: 8, cell: 9, cls: [0, 0.7, 0], ltrb: [1, 2, 1, 0] }, // the same box, another class: kept
      { stride: 8, cell: 10, cls: [0.29, 0, 0], ltrb: [1, 1, 1, 1] }, // under 0.3
    ]), base);
    assert.deepEqual(d.label, ['person', 'car']);
    assert.deepEqual(boxOf(d, 0), [4, 4, 20, 20]);
    assert.deepEqual(boxOf(d, 1), [4, 4, 20, 20]);
  });

  it('returns no detections when nothing scores', () => {
    assert.equal(decodeNanodet(levels([]), base).score.length, 0);
  });

  it('accepts outputs without the batch axis', () => {
    const ls = levels([cases[0].cell]).map((l) => ({ ...l, cls: { ...l.cls, dims: l.cls.dims.slice(1) }, dis: { ...l.dis, dims: l.dis.dims.slice(1) } }));
    assert.deepEqual(boxOf(decodeNanodet(ls, base)), cases[0].box);
  });

  const bad: { name: string; edit: (l: NanodetLevel[]) => NanodetLevel[]; error: RegExp }[] = [
    { name: 'the wrong class count', edit: (l) => [{ ...l[0], cls: { data: new Float32Array(16 * 4), dims: [1, 16, 4] } }], error: /stride 8 class output is \[1, 16, 4\]; \[1, 16, 3\] expected/ },
    { name: 'the wrong bin count', edit: (l) => [{ ...l[0], dis: { data: new Float32Array(16 * 28), dims: [1, 16, 28] } }], error: /stride 8 distance output .*\[1, 16, 32\] expected/ },
    { name: 'the wrong cell count for the input size', edit: (l) => [{ ...l[1], stride: 8 }], error: /stride 8 class output is \[1, 4, 3\]; \[1, 16, 3\] expected/ },
    { name: 'a missing tensor', edit: (l) => [{ ...l[0], dis: undefined as never }], error: /stride 8 distance output is missing/ },
  ];
  for (const b of bad) {
    it(`rejects outputs with ${b.name}`, () => {
      assert.throws(() => decodeNanodet(b.edit(levels([])), base), b.error);
    });
  }
});
