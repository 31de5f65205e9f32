import assert from 'node:assert/strict';
import type { Frame } from '../../../../src/core/frame';
import { createOcrDetector } from '../../../../src/models/ocr/create-ocr-detector';
import type { InferenceSession } from '../../../../src/models/runtime/create-inference-session';
import type { FloatTensor } from '../../../../src/models/runtime/tensor';

function fakeSession(name: string, dims: number[], run: (x: FloatTensor) => FloatTensor, calls: number[][] = []): InferenceSession {
  return {
    modelId: name, provider: 'cpu', intraOpNumThreads: 1, inputs: [{ name: 'x', dims }], outputNames: ['out'],
    async run(feeds) {
      calls.push([...feeds.x.dims]);
      return { out: run(feeds.x) };
    },
    async dispose() {},
  };
}

/** The DB map: two text kernels, at rows 4..11 / columns 8..55 and rows 18..25 / columns 8..40. */
function detMap(x: FloatTensor): FloatTensor {
  const [, , H, W] = x.dims;
  const data = new Float32Array(H * W);
  for (let y = 4; y <= 11; y++) data.fill(0.9, y * W + 8, y * W + 56);
  for (let y = 18; y <= 25; y++) data.fill(0.9, y * W + 8, y * W + 41);
  return { data, dims: [1, 1, H, W] };
}

const DICTIONARY = ['D', 'O', 'N', 'T']; // classes: blank, D, O, N, T, space

/** Reads a line by its left-most pixel: white → "DO" (0.9), grey → "NOT" (0.9), black → "T" (0.3). */
function recognise(x: FloatTensor): FloatTensor {
  const [N, , H, W] = x.dims;
  const picks: Record<string, number[]> = { DO: [1, 2, 0, 0], NOT: [3, 2, 4, 0], T: [4, 0, 0, 0] };
  const data = new Float32Array(N * 4 * 6);
  for (let n = 0; n < N; n++) {
    const v = x.data[n * 3 * H * W + 24 * W + 1];
    const word = v > 0.5 ? 'DO' : v > -0.5 ? 'NOT' : 'T';
    picks[word].forEach((c, t) => { data[(n * 4 + t) * 6 + c] = word === 'T' ? 0.3 : 0.9; });
  }
  return { data, dims: [N, 4, 6] };
}

/**
 * A 64 × 32 bgr24 frame, half the size of its 128 × 64 source: the top line is white on its left
 * half and black on its right, the second grey.
 */
function frame(): Frame {
  const W = 64;
  const H = 32;
  const pixels = new Uint8Array(W * H * 3);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 32; x++) pixels.fill(255, (y * W + x) * 3, (y * W + x) * 3 + 3);
  for (let y = 16; y < 32; y++) pixels.fill(128, y * W * 3, (y + 1) * W * 3);
  return { sourceId: 't', index: 0, ptsSec: 0, width: W, height: H, layout: 'bgr24', pixels, sourceWidth: 128, sourceHeight: 64, toSource: { scaleX: 0.5, scaleY: 0.5, offsetX: 0, offsetY: 0 } };
}

/** Where the first kernel's box lands in source pixels: grown by d, clipped to the frame, doubled. */
function firstPolygon(): number[] {
  const d = (47 * 7 * 1.5) / (2 * 54);
  const clip = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const [x0, x1] = [clip(8.5 - d, 64), clip(55.5 + d, 64)];
  const [y0, y1] = [clip(4.5 - d, 32), clip(11.5 + d, 32)];
  return [x0, y0, x1, y0, x1, y1, x0, y1].map((v) => v * 2);
}

describe('createOcrDetector (made-up sessions)', () => {
  const base = () => ({
    detSessions: [fakeSession('det', [-1, 3, -1, -1], detMap)],
    recSessions: [fakeSession('rec', [-1, 3, 48, -1], recognise)],
    dictionary: DICTIONARY,
    version: 'abc',
  });

  it('reads each line in reading order, boxes and outlines in source pixels', async () => {
    const ocr = createOcrDetector(base());
    assert.deepEqual([ocr.id, ocr.version, ocr.labels, ocr.defaultScoreThreshold], ['ppocr-v4', 'abc', ['text'], 0.5]);
    const d = await ocr.detect(frame());
    assert.deepEqual(d.text, ['DO', 'NOT']);
    assert.deepEqual(d.label, ['text', 'text']);
    assert.deepEqual(Array.from(d.classId), [0, 0]);
    assert.deepEqual(Array.from(d.score).map((s) => Math.round(s * 100) / 100), [0.9, 0.9]);
    const want = firstPolygon();
    d.polygon![0].forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-4, `polygon[${i}] ${v} vs ${want[i]}`));
    const box = Array.from(d.xyxy.subarray(0, 4));
    [want[0], want[1], want[4], want[5]].forEach((v, i) => assert.ok(Math.abs(box[i] - v) < 1e-4, `xyxy ${box}`));
    assert.ok(d.polygon![1][1] > d.polygon![0][5] - 20, 'second line is below the first');
  });

  it('turns lines the classifier finds upside down before reading them', async () => {
    const cls = fakeSession('cls', [-1, 3, -1, -1], (x) => ({ data: Float32Array.from({ length: x.dims[0] * 2 }, (_, i) => (i % 2 ? 0.97 : 0.03)), dims: [x.dims[0], 2] }));
    const ocr = createOcrDetector({ ...base(), clsSessions: [cls] });
    // Turned, the top line starts black: "T" at 0.3, below the 0.5 default threshold.
    assert.deepEqual((await ocr.detect(frame())).text, ['NOT']);
    assert.deepEqual((await ocr.detect(frame(), { scoreThreshold: 0.2 })).text, ['T', 'NOT']);
  });

  it('sizes runs as PaddleOCR does: detector in multiples of 32, lines 48 high, 192 / 320 wide', async () => {
    const detCalls: number[][] = [];
    const recCalls: number[][] = [];
    const clsCalls: number[][] = [];
    const ocr = createOcrDetector({
      ...base(),
      detSessions: [fakeSession('det', [-1, 3, -1, -1], detMap, detCalls)],
      recSessions: [fakeSession('rec', [-1, 3, 48, -1], recognise, recCalls)],
      clsSessions: [fakeSession('cls', [-1, 3, -1, -1], (x) => ({ data: new Float32Array(x.dims[0] * 2).fill(0.5), dims: [x.dims[0], 2] }), clsCalls)],
    });
    await ocr.detect(frame());
    assert.deepEqual(detCalls, [[1, 3, 32, 64]]);
    assert.deepEqual(clsCalls, [[2, 3, 48, 192]]);
    assert.deepEqual(recCalls, [[2, 3, 48, 320]]);
  });

  it('asks sources for full-size bgr24 frames unless told otherwise', () => {
    assert.deepEqual(createOcrDetector(base()).inputFormat, { width: 0, height: 0, layout: 'bgr24', fit: 'stretch', padValue: 0 });
    assert.equal(createOcrDetector({ ...base(), inputFormat: { width: 1280, height: 720 } }).inputFormat.width, 1280);
  });

  it('finds nothing on a blank map', async () => {
    const ocr = createOcrDetector({ ...base(), detSessions: [fakeSession('det', [-1, 3, -1, -1], (x) => ({ data: new Float32Array(x.dims[2] * x.dims[3]), dims: [1, 1, x.dims[2], x.dims[3]] }))] });
    const d = await ocr.detect(frame());
    assert.deepEqual([d.score.length, d.text, d.polygon], [0, [], []]);
  });

  it('needs detection and recognition sessions', () => {
    assert.throws(() => createOcrDetector({ ...base(), recSessions: [] }), /recognition session/);
  });
});
