import assert from 'node:assert/strict';
import { decodeYolox } from '../../../../src/models/yolox/postprocess';

const LABELS = ['person', 'car', 'dog'];
const INPUT = 32; // strides 8/16/32 → 16 + 4 + 1 = 21 anchors
const PER = 5 + LABELS.length;

/** A made-up output tensor: all anchors empty except the ones given. */
function tensor(cells: { anchor: number; cx: number; cy: number; logW: number; logH: number; obj: number; cls: number[] }[]) {
  const data = new Float32Array(21 * PER);
  for (const c of cells) data.set([c.cx, c.cy, c.logW, c.logH, c.obj, ...c.cls], c.anchor * PER);
  return { data, dims: [1, 21, PER] };
}

const identity = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
const base = { inputSize: INPUT, scoreThreshold: 0.3, labels: LABELS, toSource: identity, sourceWidth: 1000, sourceHeight: 1000 };

describe('decodeYolox', () => {
  it('decodes grid offsets and log sizes on stride 8 (anchor = row-major cell)', () => {
    // anchor 5 on stride 8 → grid (gx=1, gy=1); centre ((0.5+1)*8, (0.5+1)*8) = (12, 12); size exp(0)*8 = 8
    const d = decodeYolox(tensor([{ anchor: 5, cx: 0.5, cy: 0.5, logW: 0, logH: 0, obj: 0.9, cls: [0.1, 0.8, 0.2] }]), base);
    assert.deepEqual(Array.from(d.xyxy), [8, 8, 16, 16]);
    assert.equal(d.label[0], 'car');
    assert.equal(d.classId[0], 1);
    assert.ok(Math.abs(d.score[0] - 0.72) < 1e-6, 'score = objectness × class');
  });

  it('uses the stride of the anchor block (16, then 32)', () => {
    const d = decodeYolox(tensor([
      { anchor: 16 + 3, cx: 0, cy: 0, logW: Math.log(2), logH: 0, obj: 1, cls: [1, 0, 0] }, // stride 16, gx=1, gy=1
      { anchor: 20, cx: 0.5, cy: 0.5, logW: 0, logH: 0, obj: 1, cls: [0, 0, 0.5] }, // stride 32, gx=gy=0
    ]), base);
    const byLabel = new Map(d.label.map((l, i) => [l, Array.from(d.xyxy.subarray(i * 4, i * 4 + 4))]));
    assert.deepEqual(byLabel.get('person'), [0, 8, 32, 24]);
    assert.deepEqual(byLabel.get('dog'), [0, 0, 32, 32]);
  });

  it('maps letterboxed boxes back to source pixels and clips them to the frame', () => {
    const toSource = { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 };
    const d = decodeYolox(tensor([{ anchor: 0, cx: 0, cy: 0, logW: Math.log(4), logH: 0, obj: 1, cls: [1, 0, 0] }]), { ...base, toSource, sourceWidth: 30, sourceHeight: 30 });
    // buffer box: centre (0,0), w 32, h 8 → [-16,-4,16,4] → ÷0.5 → [-32,-8,32,8] → clipped
    assert.deepEqual(Array.from(d.xyxy), [0, 0, 30, 8]);
  });

  it('drops anchors under the threshold and applies class-wise NMS', () => {
    const d = decodeYolox(tensor([
      { anchor: 5, cx: 0.5, cy: 0.5, logW: 1, logH: 1, obj: 0.95, cls: [0.9, 0, 0] },
      { anchor: 6, cx: 0.4, cy: 0.5, logW: 1, logH: 1, obj: 0.9, cls: [0.9, 0, 0] }, // same object, weaker
      { anchor: 7, cx: 0.4, cy: 0.5, logW: 1, logH: 1, obj: 0.9, cls: [0, 0.9, 0] }, // other class: kept
      { anchor: 8, cx: 0.5, cy: 0.5, logW: 0, logH: 0, obj: 0.2, cls: [1, 0, 0] }, // objectness too low
      { anchor: 9, cx: 0.5, cy: 0.5, logW: 0, logH: 0, obj: 0.9, cls: [0.3, 0, 0] }, // 0.27 < 0.3
    ]), base);
    assert.deepEqual(d.label, ['person', 'car']);
  });

  it('returns no detections for an empty output', () => {
    assert.equal(decodeYolox(tensor([]), base).score.length, 0);
  });

  it('rejects an output whose shape does not fit the labels or input size', () => {
    assert.throws(() => decodeYolox({ data: new Float32Array(21 * 7), dims: [1, 21, 7] }, base), /values per anchor/);
    assert.throws(() => decodeYolox({ data: new Float32Array(20 * PER), dims: [1, 20, PER] }, base), /anchors/);
  });
});
