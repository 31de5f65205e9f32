import assert from 'node:assert/strict';
import type { Detections } from '../../../../src/core/detections';
import { decodeYoloOutput } from '../../../../src/models/yolo/decode-yolo-output';
import { decodeYolov8 } from '../../../../src/models/yolo/decode-yolov8';
import { YoloOutputMismatch, type YoloOutputLayout, type YoloTensor } from '../../../../src/models/yolo/yolo-decode-options';

const LABELS = ['plane', 'ship', 'small-vehicle'];
const identity = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
const base = { inputWidth: 64, inputHeight: 32, labels: LABELS, scoreThreshold: 0.3, toSource: identity, sourceWidth: 1000, sourceHeight: 1000 };

/** A row-major [1, rows, per] tensor of zeros with the given rows set. */
function rows(count: number, per: number, set: Record<number, number[]>): YoloTensor {
  const data = new Float32Array(count * per);
  for (const [r, v] of Object.entries(set)) data.set(v, Number(r) * per);
  return { data, dims: [1, count, per] };
}

/** The same values channels-first: [1, per, count]. */
function transpose(t: YoloTensor): YoloTensor {
  const [, n, per] = t.dims;
  const data = new Float32Array(t.data.length);
  for (let i = 0; i < n; i++) for (let c = 0; c < per; c++) data[c * n + i] = t.data[i * per + c];
  return { data, dims: [1, per, n] };
}

function boxes(d: Detections): { label: string; score: number; box: number[] }[] {
  return d.label.map((label, i) => ({ label, score: +d.score[i].toFixed(4), box: Array.from(d.xyxy.subarray(i * 4, i * 4 + 4), (v) => +v.toFixed(3)) }));
}

// yolox on 64x32 with strides 8/16/32: 8x4 + 4x2 + 2x1 = 42 anchors; anchor 9 = stride 8, gx 1, gy 1.
const YOLOX_ANCHORS = 42;

const cases: { name: string; layout: YoloOutputLayout; output: YoloTensor; options?: object; want: { label: string; score: number; box: number[] }[] }[] = [
  {
    name: 'yolox: grid offset and log size on stride 8 of a non-square input',
    layout: 'yolox',
    output: rows(YOLOX_ANCHORS, 8, { 9: [0.5, 0.5, 0, Math.log(2), 0.9, 0.1, 0.8, 0.2] }),
    want: [{ label: 'ship', score: 0.72, box: [8, 4, 16, 20] }], // centre (12, 12), 8 × 16
  },
  {
    name: 'yolox: stride 16 and 32 blocks follow in order (row-major 4x2, then 2x1)',
    layout: 'yolox',
    output: rows(YOLOX_ANCHORS, 8, { [32 + 5]: [0, 0, 0, 0, 1, 1, 0, 0], [40 + 1]: [0.5, 0.5, 0, 0, 1, 0, 0, 0.5] }),
    want: [{ label: 'plane', score: 1, box: [8, 8, 24, 24] }, { label: 'small-vehicle', score: 0.5, box: [32, 0, 64, 32] }],
  },
  {
    name: 'yolox: custom strides',
    layout: 'yolox',
    output: rows(2 + 1, 8, { 2: [0, 0, 0, 0, 1, 0, 1, 0] }), // strides [32, 64] on 64x32: 2x1 + 1x1
    options: { strides: [32, 64] },
    want: [{ label: 'ship', score: 1, box: [-32, -32, 32, 32].map((v) => Math.max(v, 0)) }],
  },
  {
    name: 'yolov5: absolute cx, cy, w, h; score = objectness × class',
    layout: 'yolov5',
    output: rows(3, 8, { 1: [32, 16, 20, 10, 0.8, 0.25, 0.5, 1] }),
    want: [{ label: 'small-vehicle', score: 0.8, box: [22, 11, 42, 21] }],
  },
  {
    name: 'yolov5: a row under the threshold on objectness × class is dropped',
    layout: 'yolov5',
    output: rows(2, 8, { 0: [10, 10, 4, 4, 0.5, 0.5, 0, 0], 1: [20, 20, 4, 4, 0.2, 1, 0, 0] }),
    want: [],
  },
  {
    name: 'yolov8: channels first [1, 4 + C, N], no objectness',
    layout: 'yolov8',
    output: transpose(rows(5, 7, { 3: [32, 16, 20, 10, 0.1, 0.9, 0.3] })),
    want: [{ label: 'ship', score: 0.9, box: [22, 11, 42, 21] }],
  },
  {
    name: 'yolov8: transposed [1, N, 4 + C] is recognised by the label count',
    layout: 'yolov8',
    output: rows(5, 7, { 3: [32, 16, 20, 10, 0.1, 0.9, 0.3] }),
    want: [{ label: 'ship', score: 0.9, box: [22, 11, 42, 21] }],
  },
  {
    name: 'yolov8: a letterbox scale of 0.5 maps boxes back to twice the size, clipped to the source',
    layout: 'yolov8',
    output: transpose(rows(4, 7, { 0: [4, 4, 20, 8, 0, 0, 0.7] })),
    options: { toSource: { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 }, sourceWidth: 100, sourceHeight: 100 },
    want: [{ label: 'small-vehicle', score: 0.7, box: [0, 0, 28, 16] }],
  },
];

describe('YOLO output decoders (made-up tensors)', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(boxes(decodeYoloOutput(c.layout, c.output, { ...base, ...c.options })), c.want);
    });
  }

  for (const layout of ['yolox', 'yolov5', 'yolov8'] as const) {
    it(`${layout}: class-wise NMS keeps the best of overlapping boxes of one class, and other classes`, () => {
      const at = (cx: number, score: number, cls: number): number[] => {
        const classes = [0, 0, 0];
        classes[cls] = score;
        if (layout === 'yolox') return [cx, 0.5, 1, 1, 1, ...classes];
        if (layout === 'yolov5') return [8 * (cx + 1), 12, 20, 20, 1, ...classes];
        return [8 * (cx + 1), 12, 20, 20, ...classes];
      };
      const per = layout === 'yolov8' ? 7 : 8;
      const count = layout === 'yolox' ? YOLOX_ANCHORS : 4;
      const t = rows(count, per, { 0: at(0.5, 0.9, 0), 1: at(0.4, 0.8, 0), 2: at(0.4, 0.85, 1) });
      const d = decodeYoloOutput(layout, layout === 'yolov8' ? transpose(t) : t, base);
      assert.deepEqual(d.label, ['plane', 'ship']);
    });
  }

  const mismatches: { name: string; layout: YoloOutputLayout; output: YoloTensor; message: RegExp }[] = [
    { name: 'yolox with 80 classes for 3 labels', layout: 'yolox', output: rows(YOLOX_ANCHORS, 85, {}), message: /85 values per anchor; 5 \+ 3 labels = 8 expected/ },
    { name: 'yolox with the anchors of another input size', layout: 'yolox', output: rows(21, 8, {}), message: /21 anchors; 42 expected for input 64x32/ },
    { name: 'yolov5 with a row too short', layout: 'yolov5', output: rows(4, 7, {}), message: /7 values per row; 5 \+ 3 labels = 8 expected/ },
    { name: 'yolov8 with neither axis 4 + C', layout: 'yolov8', output: rows(6, 9, {}), message: /neither axis is 4 \+ 3 labels = 7/ },
    { name: 'a batch of two', layout: 'yolov5', output: { data: new Float32Array(32), dims: [2, 2, 8] }, message: /batch 1/ },
  ];
  for (const m of mismatches) {
    it(`refuses ${m.name}`, () => {
      assert.throws(() => decodeYoloOutput(m.layout, m.output, base), (e: unknown) => e instanceof YoloOutputMismatch && m.message.test(e.message));
    });
  }

  it('yolov8: when both axes fit, reads channels first (Ultralytics order)', () => {
    // 7 boxes of 4 + 3: [1, 7, 7]; channels first puts box 0's cx, cy, w, h in column 0.
    const t = transpose(rows(7, 7, { 0: [32, 16, 20, 10, 0, 0, 0.9] }));
    assert.deepEqual(boxes(decodeYolov8(t, base)), [{ label: 'small-vehicle', score: 0.9, box: [22, 11, 42, 21] }]);
  });
});

describe('decodeYoloxGrid agrees with the yolox family decoder on square inputs', () => {
});
