import assert from 'node:assert/strict';
import { decodeYunet, YUNET_LANDMARKS, type YunetDecodeOptions } from '../../../../src/models/yunet/postprocess';

/** One made-up prior row: its prior (fractions), loc deltas (14, zeros by default), conf of face and iou. */
interface Row { prior: [number, number, number, number]; loc?: Partial<Record<number, number>>; conf: number; iou: number }

function tensors(rows: Row[]) {
  const loc = new Float32Array(rows.length * 14);
  const conf = new Float32Array(rows.length * 2);
  const iou = new Float32Array(rows.length);
  const priors = new Float32Array(rows.length * 4);
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r.loc ?? {})) loc[i * 14 + Number(k)] = v ?? 0;
    conf.set([1 - r.conf, r.conf], i * 2);
    iou[i] = r.iou;
    priors.set(r.prior, i * 4);
  });
  return { loc: { data: loc, dims: [rows.length, 14] }, conf: { data: conf, dims: [rows.length, 2] }, iou: { data: iou, dims: [rows.length, 1] }, priors };
}

const identity = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
// A 100 × 100 input seen at source size.
const base = { inputWidth: 100, inputHeight: 100, scoreThreshold: 0.6, toSource: identity, sourceWidth: 100, sourceHeight: 100 };

function decode(rows: Row[], options: Partial<YunetDecodeOptions> = {}) {
  const t = tensors(rows);
  return decodeYunet(t.loc, t.conf, t.iou, { ...base, priors: t.priors, ...options });
}

const round = (a: ArrayLike<number>) => Array.from(a, (v) => Math.round(v * 1000) / 1000);
const CENTRE: Row['prior'] = [0.5, 0.5, 0.2, 0.2];

describe('decodeYunet', () => {
  const boxes = [
    { name: 'zero deltas give the prior box', loc: {}, want: [40, 40, 60, 60] },
    { name: 'centre moves by loc · 0.1 · prior size', loc: { 0: 5, 1: -5 }, want: [50, 30, 70, 50] },
    // exp(ln 2 / 0.1 · 0.1) = 2: width uses variance 0.1 …
    { name: 'width scales by exp(loc[2] · 0.1)', loc: { 2: Math.log(2) / 0.1 }, want: [30, 40, 70, 60] },
    // … and height 0.2, as loc[:, 2:4] · [0.1, 0.2] in every reference.
    { name: 'height scales by exp(loc[3] · 0.2)', loc: { 3: Math.log(2) / 0.2 }, want: [40, 30, 60, 70] },
  ];
  for (const b of boxes) {
    it(`decodes priors: ${b.name}`, () => {
      const d = decode([{ prior: CENTRE, loc: b.loc, conf: 1, iou: 1 }]);
      assert.deepEqual(round(d.xyxy), b.want);
    });
  }

  it('maps to source pixels through a stretch, each axis on its own', () => {
    const toSource = { scaleX: 0.25, scaleY: 0.5, offsetX: 0, offsetY: 0 }; // 400 × 200 source
    const d = decode([{ prior: CENTRE, conf: 1, iou: 1 }], { toSource, sourceWidth: 400, sourceHeight: 200 });
    assert.deepEqual(round(d.xyxy), [160, 80, 240, 120]);
  });

  const scores = [
    { conf: 0.81, iou: 1, score: 0.9 },
    { conf: 0.81, iou: 1.7, score: 0.9 }, // iou clipped to 1
    { conf: 0.64, iou: 0.64, score: 0.64 },
    { conf: 0.5, iou: 0.5, score: 0.5 }, // under 0.6
    { conf: 0.9, iou: -0.3, score: 0 }, // iou clipped to 0
  ];
  for (const s of scores) {
    it(`scores √(conf · clip(iou, 0, 1)): conf ${s.conf}, iou ${s.iou} → ${s.score}`, () => {
      const d = decode([{ prior: CENTRE, conf: s.conf, iou: s.iou }]);
      if (s.score < 0.6) assert.equal(d.score.length, 0);
      else assert.ok(Math.abs(d.score[0] - s.score) < 1e-6, `${d.score[0]}`);
    });
  }

  it('decodes five landmarks as prior centre + loc · 0.1 · prior size, in source pixels', () => {
    const loc: Row['loc'] = {};
    for (let k = 0; k < 5; k++) { loc[4 + 2 * k] = k; loc[5 + 2 * k] = -k; }
    const d = decode([{ prior: CENTRE, loc, conf: 1, iou: 1 }], { toSource: { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 }, sourceWidth: 200, sourceHeight: 200 });
    // Landmark k in input pixels: (50 + 2k, 50 − 2k); source = ÷ 0.5.
    assert.deepEqual(round(d.landmarks), [100, 100, 104, 96, 108, 92, 112, 88, 116, 84]);
    assert.equal(YUNET_LANDMARKS.length, 5);
  });

  it('keeps each face\'s landmarks with it through NMS and reordering', () => {
    const d = decode([
      { prior: [0.2, 0.2, 0.1, 0.1], loc: { 4: 1 }, conf: 0.64, iou: 1 }, // score 0.8, landmark x 21
      { prior: [0.7, 0.7, 0.1, 0.1], loc: { 4: 2 }, conf: 0.81, iou: 1 }, // score 0.9, landmark x 72
      { prior: [0.71, 0.7, 0.1, 0.1], loc: { 4: 3 }, conf: 0.7, iou: 1 }, // overlaps the 0.9 face: suppressed
    ]);
    assert.deepEqual(round(d.score), [0.9, 0.8]);
    assert.deepEqual([d.landmarks[0], d.landmarks[10]].map((v) => Math.round(v)), [72, 21]);
    assert.equal(d.landmarks.length, 20);
  });

  // Second box shifted right by `dx` on a 20 × 20 box: IoU = (20 − dx) / (20 + dx).
  const overlaps = [{ dx: 10, kept: 1 }, { dx: 11, kept: 2 }];
  for (const o of overlaps) {
    it(`suppresses at IoU 0.3: shift ${o.dx} keeps ${o.kept}`, () => {
      const d = decode([
        { prior: CENTRE, conf: 0.81, iou: 1 },
        { prior: [0.5 + o.dx / 100, 0.5, 0.2, 0.2], conf: 0.64, iou: 1 },
      ]);
      assert.equal(d.score.length, o.kept);
    });
  }

  it('clips kept boxes to the frame and labels them face, class 0', () => {
    const d = decode([{ prior: [0.05, 0.95, 0.3, 0.3], conf: 1, iou: 1 }]);
    assert.deepEqual(round(d.xyxy), [0, 80, 20, 100]);
    assert.deepEqual([d.label, Array.from(d.classId)], [['face'], [0]]);
  });

  it('caps the faces at maxDetections, highest first', () => {
    const rows: Row[] = [0.7, 0.9, 0.8].map((s, i) => ({ prior: [0.1 + 0.3 * i, 0.5, 0.1, 0.1], conf: s * s, iou: 1 }));
    assert.deepEqual(round(decode(rows, { maxDetections: 2 }).score), [0.9, 0.8]);
    assert.deepEqual(round(decode(rows, { candidateSize: 1 }).score), [0.9]);
  });

  it('returns no faces (and no landmarks) when none passes', () => {
    const d = decode([{ prior: CENTRE, conf: 0.1, iou: 0.1 }]);
    assert.deepEqual([d.score.length, d.landmarks.length, d.label.length], [0, 0, 0]);
  });

  const badShapes = [
    { name: 'loc of 15 columns', dims: { loc: [2, 15] }, re: /loc.*\[2, 14\]/ },
    { name: 'conf with a row per other prior count', dims: { conf: [3, 2] }, re: /conf.*\[2, 2\]/ },
    { name: 'iou of 2 columns', dims: { iou: [2, 2] }, re: /iou/ },
  ];
  for (const b of badShapes) {
    it(`rejects ${b.name}`, () => {
      const t = tensors([{ prior: CENTRE, conf: 1, iou: 1 }, { prior: CENTRE, conf: 1, iou: 1 }]);
      const fit = (x: { data: Float32Array; dims: number[] }, dims?: number[]) => (dims ? { data: new Float32Array(dims[0] * dims[1]), dims } : x);
      const d = b.dims as { loc?: number[]; conf?: number[]; iou?: number[] };
      assert.throws(() => decodeYunet(fit(t.loc, d.loc), fit(t.conf, d.conf), fit(t.iou, d.iou), { ...base, priors: t.priors }), b.re);
    });
  }

  it('accepts outputs that keep a batch axis of 1', () => {
    const t = tensors([{ prior: CENTRE, conf: 1, iou: 1 }]);
    const d = decodeYunet({ ...t.loc, dims: [1, 1, 14] }, { ...t.conf, dims: [1, 1, 2] }, { ...t.iou, dims: [1, 1, 1] }, { ...base, priors: t.priors });
    assert.equal(d.score.length, 1);
  });
});
